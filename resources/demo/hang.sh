#!/bin/sh
# A demo task that never ends: cancel it, force stop it, or let its time limit act.
echo "waiting for the warehouse export..."
exec sleep 86400
