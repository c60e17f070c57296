<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>DemoSetup</name>
        <message numerus="yes">
            <source>Demo loaded: %n task(s)</source>
            <translation>
                <numerusform>Demo loaded: %n task</numerusform>
                <numerusform>Demo loaded: %n tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>(%n of them a few hours of history)</source>
            <translation>
                <numerusform>(%n of them a few hours of history)</numerusform>
                <numerusform>(%n of them a few hours of history)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n process definition(s)</source>
            <translation>
                <numerusform>%n process definition</numerusform>
                <numerusform>%n process definitions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n schedule(s).</source>
            <translation>
                <numerusform>%n schedule.</numerusform>
                <numerusform>%n schedules.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Task #%1 is stuck (its worker is gone): Force Stop it, or this app's sweeper re-queues it in %n second(s).</source>
            <translation>
                <numerusform>Task #%1 is stuck (its worker is gone): Force Stop it, or this app's sweeper re-queues it in %n second.</numerusform>
                <numerusform>Task #%1 is stuck (its worker is gone): Force Stop it, or this app's sweeper re-queues it in %n seconds.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::StoredText</name>
        <message numerus="yes">
            <source>[… %n lines dropped …]</source>
            <translation>
                <numerusform>[… %n line dropped …]</numerusform>
                <numerusform>[… %n lines dropped …]</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>restarting after %n failure(s)</source>
            <translation>
                <numerusform>restarting after %n failure</numerusform>
                <numerusform>restarting after %n failures</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>exited %n time(s) in a row without staying up for %1 ms (last: %2); start it again once the cause is fixed</source>
            <translation>
                <numerusform>exited %n time in a row without staying up for %1 ms (last: %2); start it again once the cause is fixed</numerusform>
                <numerusform>exited %n times in a row without staying up for %1 ms (last: %2); start it again once the cause is fixed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n s</source>
            <translation>
                <numerusform>%n s</numerusform>
                <numerusform>%n s</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n h</source>
            <translation>
                <numerusform>%n h</numerusform>
                <numerusform>%n h</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::AlertsView</name>
        <message numerus="yes">
            <source>%n alerts firing.</source>
            <translation>
                <numerusform>%n alert firing.</numerusform>
                <numerusform>%n alerts firing.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Saved %n alert settings.</source>
            <translation>
                <numerusform>Saved %n alert setting.</numerusform>
                <numerusform>Saved %n alert settings.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::AuditTableModel</name>
        <message numerus="yes">
            <source>%Ln running item(s) stopped</source>
            <translation>
                <numerusform>%Ln running item stopped</numerusform>
                <numerusform>%Ln running items stopped</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln item(s)</source>
            <translation>
                <numerusform>%Ln item</numerusform>
                <numerusform>%Ln items</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::AuditView</name>
        <message numerus="yes">
            <source>Showing the newest %Ln entry(s).</source>
            <translation>
                <numerusform>Showing the newest %Ln entry.</numerusform>
                <numerusform>Showing the newest %Ln entries.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Showing the newest %Ln matching entry(s).</source>
            <translation>
                <numerusform>Showing the newest %Ln matching entry.</numerusform>
                <numerusform>Showing the newest %Ln matching entries.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::DeliveryTableModel</name>
        <message numerus="yes">
            <source>%n resolved</source>
            <translation>
                <numerusform>%n resolved</numerusform>
                <numerusform>%n resolved</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n firing</source>
            <translation>
                <numerusform>%n firing</numerusform>
                <numerusform>%n firing</numerusform>
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
        <name>taskdesk::ui::SourceStuckPanel</name>
        <message numerus="yes">
            <source>%n running with no change for over %1 min</source>
            <translation>
                <numerusform>%n running with no change for over %1 min</numerusform>
                <numerusform>%n running with no change for over %1 min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n pending for over %1 min</source>
            <translation>
                <numerusform>%n pending for over %1 min</numerusform>
                <numerusform>%n pending for over %1 min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Clean up %n stuck row(s) of %1?</source>
            <translation>
                <numerusform>Clean up %n stuck row of %1?</numerusform>
                <numerusform>Clean up %n stuck rows of %1?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>…and %n more: rows %1.</source>
            <translation>
                <numerusform>…and %n more: rows %1.</numerusform>
                <numerusform>…and %n more: rows %1.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Clean Up %n Row(s)</source>
            <translation>
                <numerusform>Clean Up %n Row</numerusform>
                <numerusform>Clean Up %n Rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Clean-up of %1: %n row(s) changed.</source>
            <translation>
                <numerusform>Clean-up of %1: %n row changed.</numerusform>
                <numerusform>Clean-up of %1: %n rows changed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) refused.</source>
            <translation>
                <numerusform>%n row refused.</numerusform>
                <numerusform>%n rows refused.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them no longer stuck.</source>
            <translation>
                <numerusform>%n of them no longer stuck.</numerusform>
                <numerusform>%n of them no longer stuck.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::SourceView</name>
        <message numerus="yes">
            <source>Force stop %n row(s) of %1?</source>
            <translation>
                <numerusform>Force stop %n row of %1?</numerusform>
                <numerusform>Force stop %n rows of %1?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Force Stop %n Row(s)</source>
            <translation>
                <numerusform>Force Stop %n Row</numerusform>
                <numerusform>Force Stop %n Rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel %n row(s) of %1?</source>
            <translation>
                <numerusform>Cancel %n row of %1?</numerusform>
                <numerusform>Cancel %n rows of %1?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel %n Row(s)</source>
            <translation>
                <numerusform>Cancel %n Row</numerusform>
                <numerusform>Cancel %n Rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Retry %n row(s) of %1?</source>
            <translation>
                <numerusform>Retry %n row of %1?</numerusform>
                <numerusform>Retry %n rows of %1?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Retry %n Row(s)</source>
            <translation>
                <numerusform>Retry %n Row</numerusform>
                <numerusform>Retry %n Rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n row(s) of %1?</source>
            <translation>
                <numerusform>Delete %n row of %1?</numerusform>
                <numerusform>Delete %n rows of %1?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n Row(s)</source>
            <translation>
                <numerusform>Delete %n Row</numerusform>
                <numerusform>Delete %n Rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>…and %n more.</source>
            <translation>
                <numerusform>…and %n more.</numerusform>
                <numerusform>…and %n more.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Left out: %n selected row(s) whose status does not allow this.</source>
            <translation>
                <numerusform>Left out: %n selected row whose status does not allow this.</numerusform>
                <numerusform>Left out: %n selected rows whose status does not allow this.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) force stopped.</source>
            <translation>
                <numerusform>%n row force stopped.</numerusform>
                <numerusform>%n rows force stopped.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) cancelled and marked failed.</source>
            <translation>
                <numerusform>%n row cancelled and marked failed.</numerusform>
                <numerusform>%n rows cancelled and marked failed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) pending again.</source>
            <translation>
                <numerusform>%n row pending again.</numerusform>
                <numerusform>%n rows pending again.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) deleted.</source>
            <translation>
                <numerusform>%n row deleted.</numerusform>
                <numerusform>%n rows deleted.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) changed with them.</source>
            <translation>
                <numerusform>%n item changed with them.</numerusform>
                <numerusform>%n items changed with them.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n more row(s) refused.</source>
            <translation>
                <numerusform>%n more row refused.</numerusform>
                <numerusform>%n more rows refused.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) failed: %1</source>
            <translation>
                <numerusform>%n row failed: %1</numerusform>
                <numerusform>%n rows failed: %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::SourceWizard</name>
        <message numerus="yes">
            <source>  %1: %n row(s)</source>
            <translation>
                <numerusform>  %1: %n row</numerusform>
                <numerusform>  %1: %n rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 (%n row(s)):</source>
            <translation>
                <numerusform>%1 (%n row):</numerusform>
                <numerusform>%1 (%n rows):</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 on row %2: would write %3 (was %4), %n item(s); rolled back</source>
            <translation>
                <numerusform>%1 on row %2: would write %3 (was %4), %n item; rolled back</numerusform>
                <numerusform>%1 on row %2: would write %3 (was %4), %n items; rolled back</numerusform>
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
        <message numerus="yes">
            <source>Cleaning up %Ln stuck task(s)…</source>
            <translation>
                <numerusform>Cleaning up %Ln stuck task…</numerusform>
                <numerusform>Cleaning up %Ln stuck tasks…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln of the %1 named had changed meanwhile and were left alone.</source>
            <translation>
                <numerusform>%Ln of the %1 named had changed meanwhile and was left alone.</numerusform>
                <numerusform>%Ln of the %1 named had changed meanwhile and were left alone.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::TaskActions</name>
        <message numerus="yes">
            <source>Force stop %Ln tasks?</source>
            <translation>
                <numerusform>Force stop %Ln task?</numerusform>
                <numerusform>Force stop %Ln tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>This will mark the %Ln tasks as FAILED and stop all their running items. Use this if the tasks are stuck or not actually running.</source>
            <translation>
                <numerusform>This will mark the %Ln task as FAILED and stop all its running items. Use this if the task is stuck or not actually running.</numerusform>
                <numerusform>This will mark the %Ln tasks as FAILED and stop all their running items. Use this if the tasks are stuck or not actually running.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Force Stop %Ln tasks</source>
            <translation>
                <numerusform>Force Stop %Ln task</numerusform>
                <numerusform>Force Stop %Ln tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel %Ln tasks?</source>
            <translation>
                <numerusform>Cancel %Ln task?</numerusform>
                <numerusform>Cancel %Ln tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The %Ln tasks will be marked as FAILED (cancelled) and their running items stopped; workers running them are told to stop.</source>
            <translation>
                <numerusform>The %Ln task will be marked as FAILED (cancelled) and its running items stopped; the worker running it is told to stop.</numerusform>
                <numerusform>The %Ln tasks will be marked as FAILED (cancelled) and their running items stopped; workers running them are told to stop.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel %Ln tasks</source>
            <translation>
                <numerusform>Cancel %Ln task</numerusform>
                <numerusform>Cancel %Ln tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Restart %Ln tasks?</source>
            <translation>
                <numerusform>Restart %Ln task?</numerusform>
                <numerusform>Restart %Ln tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The %Ln tasks go back to PENDING with a fresh attempt budget, and all their items will run again.</source>
            <translation>
                <numerusform>The %Ln task goes back to PENDING with a fresh attempt budget, and all its items will run again.</numerusform>
                <numerusform>The %Ln tasks go back to PENDING with a fresh attempt budget, and all their items will run again.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Restart %Ln tasks</source>
            <translation>
                <numerusform>Restart %Ln task</numerusform>
                <numerusform>Restart %Ln tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %Ln tasks?</source>
            <translation>
                <numerusform>Delete %Ln task?</numerusform>
                <numerusform>Delete %Ln tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The %Ln tasks, their items and their log lines are removed for good. The audit log keeps a record of them.</source>
            <translation>
                <numerusform>The %Ln task, its items and its log lines are removed for good. The audit log keeps a record of it.</numerusform>
                <numerusform>The %Ln tasks, their items and their log lines are removed for good. The audit log keeps a record of them.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %Ln tasks</source>
            <translation>
                <numerusform>Delete %Ln task</numerusform>
                <numerusform>Delete %Ln tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Force stop the first %Ln of the %1 selected tasks?</source>
            <translation>
                <numerusform>Force stop the first %Ln of the %1 selected tasks?</numerusform>
                <numerusform>Force stop the first %Ln of the %1 selected tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancel the first %Ln of the %1 selected tasks?</source>
            <translation>
                <numerusform>Cancel the first %Ln of the %1 selected tasks?</numerusform>
                <numerusform>Cancel the first %Ln of the %1 selected tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Restart the first %Ln of the %1 selected tasks?</source>
            <translation>
                <numerusform>Restart the first %Ln of the %1 selected tasks?</numerusform>
                <numerusform>Restart the first %Ln of the %1 selected tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete the first %Ln of the %1 selected tasks?</source>
            <translation>
                <numerusform>Delete the first %Ln of the %1 selected tasks?</numerusform>
                <numerusform>Delete the first %Ln of the %1 selected tasks?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The other %Ln selected tasks stay as they are.</source>
            <translation>
                <numerusform>The other %Ln selected task stays as it is.</numerusform>
                <numerusform>The other %Ln selected tasks stay as they are.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln other selected task(s) cannot take this action and stay as they are.</source>
            <translation>
                <numerusform>%Ln other selected task cannot take this action and stays as it is.</numerusform>
                <numerusform>%Ln other selected tasks cannot take this action and stay as they are.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Force stopping %Ln tasks…</source>
            <translation>
                <numerusform>Force stopping %Ln task…</numerusform>
                <numerusform>Force stopping %Ln tasks…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancelling %Ln tasks…</source>
            <translation>
                <numerusform>Cancelling %Ln task…</numerusform>
                <numerusform>Cancelling %Ln tasks…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Restarting %Ln tasks…</source>
            <translation>
                <numerusform>Restarting %Ln task…</numerusform>
                <numerusform>Restarting %Ln tasks…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Deleting %Ln tasks…</source>
            <translation>
                <numerusform>Deleting %Ln task…</numerusform>
                <numerusform>Deleting %Ln tasks…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln task(s) force stopped.</source>
            <translation>
                <numerusform>%Ln task force stopped.</numerusform>
                <numerusform>%Ln tasks force stopped.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln task(s) cancelled and marked as failed.</source>
            <translation>
                <numerusform>%Ln task cancelled and marked as failed.</numerusform>
                <numerusform>%Ln tasks cancelled and marked as failed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln task(s) restarted and pending.</source>
            <translation>
                <numerusform>%Ln task restarted and pending.</numerusform>
                <numerusform>%Ln tasks restarted and pending.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln task(s) deleted.</source>
            <translation>
                <numerusform>%Ln task deleted.</numerusform>
                <numerusform>%Ln tasks deleted.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln could not be changed: %1</source>
            <translation>
                <numerusform>%Ln could not be changed: %1</numerusform>
                <numerusform>%Ln could not be changed: %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln task(s) not reached stay as they were.</source>
            <translation>
                <numerusform>%Ln task not reached stays as it was.</numerusform>
                <numerusform>%Ln tasks not reached stay as they were.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Task "%1" has been force stopped. %Ln running item(s) were also stopped.</source>
            <translation>
                <numerusform>Task "%1" has been force stopped. %Ln running item was also stopped.</numerusform>
                <numerusform>Task "%1" has been force stopped. %Ln running items were also stopped.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Task "%1" has been cancelled and marked as failed. %Ln running item(s) were also stopped.</source>
            <translation>
                <numerusform>Task "%1" has been cancelled and marked as failed. %Ln running item was also stopped.</numerusform>
                <numerusform>Task "%1" has been cancelled and marked as failed. %Ln running items were also stopped.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>taskdesk::ui::TasksView</name>
        <message numerus="yes">
            <source>%1 of %Ln tasks match</source>
            <translation>
                <numerusform>%1 of %Ln task match</numerusform>
                <numerusform>%1 of %Ln tasks match</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln tasks</source>
            <translation>
                <numerusform>%Ln task</numerusform>
                <numerusform>%Ln tasks</numerusform>
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
