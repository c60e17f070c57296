#!/bin/sh
# A demo task that fails: its last stderr lines end up in the error message.
echo "connecting to db-replica:5432"
sleep 2
echo "error: connection refused (db-replica:5432)" >&2
exit 3
