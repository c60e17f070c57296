#!/bin/sh
# A demo task that reports its progress and succeeds.
total=20
i=1
while [ "$i" -le "$total" ]; do
    echo "step $i of $total"
    echo "taskdesk:progress $i/$total"
    sleep 1
    i=$((i + 1))
done
echo "all $total steps done"
