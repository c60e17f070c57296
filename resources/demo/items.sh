#!/bin/sh
# A demo task run once per item (TASKDESK_ITEM names it).
echo "processing ${TASKDESK_ITEM:-one item}"
sleep 2
echo "done with ${TASKDESK_ITEM:-one item}"
