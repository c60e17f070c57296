<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>taskdesk::ui::AuditView</name>
        <message numerus="yes">
            <source>The newest %n entries</source>
            <translation>
                <numerusform>The newest %n entry</numerusform>
                <numerusform>The newest %n entries</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n entries match</source>
            <translation>
                <numerusform>%n entry matches</numerusform>
                <numerusform>%n entries match</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::MainWindow</name>
        <message numerus="yes">
            <source>%n process(es) run under this window: %1.</source>
            <translation>
                <numerusform>%n process run under this window: %1.</numerusform>
                <numerusform>%n processes run under this window: %1.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::ProcessesView</name>
        <message numerus="yes">
            <source>Starting %n process(es).</source>
            <translation>
                <numerusform>Starting %n process.</numerusform>
                <numerusform>Starting %n processes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Stop all %n process(es)?</source>
            <translation>
                <numerusform>Stop the %n process?</numerusform>
                <numerusform>Stop all %n processes?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Tasks still running on the %n worker(s) that stop are marked FAILED (worker_stopped).</source>
            <translation>
                <numerusform>Tasks still running on the %n worker that stops are marked FAILED (worker_stopped).</numerusform>
                <numerusform>Tasks still running on the %n workers that stop are marked FAILED (worker_stopped).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Stopping %n process(es).</source>
            <translation>
                <numerusform>Stopping %n process.</numerusform>
                <numerusform>Stopping %n processes.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::StatsView</name>
        <message numerus="yes">
            <source>Last %n hour(s)</source>
            <translation>
                <numerusform>Last %n hour</numerusform>
                <numerusform>Last %n hours</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::StuckView</name>
        <message numerus="yes">
            <source>%Ln stuck task(s): </source>
            <translation>
                <numerusform>%Ln stuck task: </numerusform>
                <numerusform>%Ln stuck tasks: </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Clean up %Ln stuck task(s)?</source>
            <translation>
                <numerusform>Clean up %Ln stuck task?</numerusform>
                <numerusform>Clean up %Ln stuck tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Clean Up %Ln task(s)</source>
            <translation>
                <numerusform>Clean Up %Ln task</numerusform>
                <numerusform>Clean Up %Ln tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cleaned up %Ln stuck task(s): </source>
            <translation>
                <numerusform>Cleaned up %Ln stuck task: </numerusform>
                <numerusform>Cleaned up %Ln stuck tasks: </numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::TaskActions</name>
        <message numerus="yes">
            <source>Force stop %n tasks?</source>
            <translation>
                <numerusform>Force stop %n task?</numerusform>
                <numerusform>Force stop %n tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>This will mark the %n tasks as FAILED and stop all their running items. Use this if the tasks are stuck or not actually running.</source>
            <translation>
                <numerusform>This will mark the %n task as FAILED and stop all its running items. Use this if the task is stuck or not actually running.</numerusform>
                <numerusform>This will mark the %n tasks as FAILED and stop all their running items. Use this if the tasks are stuck or not actually running.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Force Stop %n tasks</source>
            <translation>
                <numerusform>Force Stop %n task</numerusform>
                <numerusform>Force Stop %n tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel %n tasks?</source>
            <translation>
                <numerusform>Cancel %n task?</numerusform>
                <numerusform>Cancel %n tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The %n tasks will be marked as FAILED (cancelled) and their running items stopped; workers running them are told to stop.</source>
            <translation>
                <numerusform>The %n task will be marked as FAILED (cancelled) and its running items stopped; the worker running it is told to stop.</numerusform>
                <numerusform>The %n tasks will be marked as FAILED (cancelled) and their running items stopped; workers running them are told to stop.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel %n tasks</source>
            <translation>
                <numerusform>Cancel %n task</numerusform>
                <numerusform>Cancel %n tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Restart %n tasks?</source>
            <translation>
                <numerusform>Restart %n task?</numerusform>
                <numerusform>Restart %n tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The %n tasks go back to PENDING with a fresh attempt budget, and all their items will run again.</source>
            <translation>
                <numerusform>The %n task goes back to PENDING with a fresh attempt budget, and all its items will run again.</numerusform>
                <numerusform>The %n tasks go back to PENDING with a fresh attempt budget, and all their items will run again.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Restart %n tasks</source>
            <translation>
                <numerusform>Restart %n task</numerusform>
                <numerusform>Restart %n tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n tasks?</source>
            <translation>
                <numerusform>Delete %n task?</numerusform>
                <numerusform>Delete %n tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The %n tasks, their items and their log lines are removed for good. The audit log keeps a record of them.</source>
            <translation>
                <numerusform>The %n task, its items and its log lines are removed for good. The audit log keeps a record of it.</numerusform>
                <numerusform>The %n tasks, their items and their log lines are removed for good. The audit log keeps a record of them.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n tasks</source>
            <translation>
                <numerusform>Delete %n task</numerusform>
                <numerusform>Delete %n tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n other selected task(s) cannot take this action and stay as they are.</source>
            <translation>
                <numerusform>%n other selected task cannot take this action and stays as it is.</numerusform>
                <numerusform>%n other selected tasks cannot take this action and stay as they are.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Force stopping %n tasks…</source>
            <translation>
                <numerusform>Force stopping %n task…</numerusform>
                <numerusform>Force stopping %n tasks…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancelling %n tasks…</source>
            <translation>
                <numerusform>Cancelling %n task…</numerusform>
                <numerusform>Cancelling %n tasks…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Restarting %n tasks…</source>
            <translation>
                <numerusform>Restarting %n task…</numerusform>
                <numerusform>Restarting %n tasks…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Deleting %n tasks…</source>
            <translation>
                <numerusform>Deleting %n task…</numerusform>
                <numerusform>Deleting %n tasks…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) force stopped.</source>
            <translation>
                <numerusform>%n task force stopped.</numerusform>
                <numerusform>%n tasks force stopped.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) cancelled and marked as failed.</source>
            <translation>
                <numerusform>%n task cancelled and marked as failed.</numerusform>
                <numerusform>%n tasks cancelled and marked as failed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) restarted and pending.</source>
            <translation>
                <numerusform>%n task restarted and pending.</numerusform>
                <numerusform>%n tasks restarted and pending.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) deleted.</source>
            <translation>
                <numerusform>%n task deleted.</numerusform>
                <numerusform>%n tasks deleted.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n could not be changed: %1</source>
            <translation>
                <numerusform>%n could not be changed: %1</numerusform>
                <numerusform>%n could not be changed: %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) not reached stay as they were.</source>
            <translation>
                <numerusform>%n task not reached stays as it was.</numerusform>
                <numerusform>%n tasks not reached stay as they were.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::TrayNotifier</name>
        <message numerus="yes">
            <source>Taskdesk: %Ln stuck task(s) (%1)</source>
            <translation>
                <numerusform>Taskdesk: %Ln stuck task (%1)</numerusform>
                <numerusform>Taskdesk: %Ln stuck tasks (%1)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln task(s) stuck now (%1). Open the Stuck page to clean up.</source>
            <translation>
                <numerusform>%Ln task stuck now (%1). Open the Stuck page to clean up.</numerusform>
                <numerusform>%Ln tasks stuck now (%1). Open the Stuck page to clean up.</numerusform>
            </translation>
        </message>
    </context>
</TS>
