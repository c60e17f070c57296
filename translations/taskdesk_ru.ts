<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>BadgePainter</name>
    <message>
        <source>Pending</source>
        <translation>В очереди</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
</context>
<context>
    <name>DemoSetup</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Не удалось создать папку %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Не удалось записать %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
    <message>
        <source>The folder %1 has a line break in its name: a worker configuration cannot name a program in it</source>
        <translation>В имени папки %1 есть перевод строки: конфигурация воркера не может указать программу в ней</translation>
    </message>
    <message>
        <source>The demo was loaded before: nothing was added.</source>
        <translation>Демо уже было загружено: ничего не добавлено.</translation>
    </message>
    <message numerus="yes">
        <source>Demo loaded: %n task(s)</source>
        <translation>
            <numerusform>Демо загружено: %n задача</numerusform>
            <numerusform>Демо загружено: %n задачи</numerusform>
            <numerusform>Демо загружено: %n задач</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n of them a few hours of history)</source>
        <translation>
            <numerusform>(%n из них — история за несколько часов)</numerusform>
            <numerusform>(%n из них — история за несколько часов)</numerusform>
            <numerusform>(%n из них — история за несколько часов)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process definition(s)</source>
        <translation>
            <numerusform>%n описание процесса</numerusform>
            <numerusform>%n описания процессов</numerusform>
            <numerusform>%n описаний процессов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n schedule(s).</source>
        <translation>
            <numerusform>%n расписание.</numerusform>
            <numerusform>%n расписания.</numerusform>
            <numerusform>%n расписаний.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Task #%1 is stuck (its worker is gone): Force Stop it, or this app&apos;s sweeper re-queues it in %n second(s).</source>
        <translation>
            <numerusform>Задача №%1 зависла (её воркера больше нет): остановите её принудительно, или чистильщик этого приложения вернёт её в очередь через %n секунду.</numerusform>
            <numerusform>Задача №%1 зависла (её воркера больше нет): остановите её принудительно, или чистильщик этого приложения вернёт её в очередь через %n секунды.</numerusform>
            <numerusform>Задача №%1 зависла (её воркера больше нет): остановите её принудительно, или чистильщик этого приложения вернёт её в очередь через %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>Task #%1 is stuck (its worker is gone): Force Stop it on the Stuck page.</source>
        <translation>Задача №%1 зависла (её воркера больше нет): остановите её принудительно на странице «Зависшие».</translation>
    </message>
    <message>
        <source>Start the worker on the Processes page to see tasks run.</source>
        <translation>Запустите воркер на странице «Процессы», чтобы увидеть, как выполняются задачи.</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Taskdesk: an operations console for background jobs.</source>
        <translation>Taskdesk: консоль оператора фоновых задач.</translation>
    </message>
    <message>
        <source>The database: a SQLite file, sqlite:///path or postgresql://user@host/db.</source>
        <translation>База данных: файл SQLite, sqlite:///путь или postgresql://user@host/db.</translation>
    </message>
    <message>
        <source>Show everything and change nothing.</source>
        <translation>Показывать всё и ничего не менять.</translation>
    </message>
    <message>
        <source>Load the demo tasks and processes into the database.</source>
        <translation>Загрузить демонстрационные задачи и процессы в базу данных.</translation>
    </message>
    <message>
        <source>Read and write preferences in this INI file.</source>
        <translation>Читать и записывать настройки в этом INI-файле.</translation>
    </message>
    <message>
        <source>Taskdesk cannot open its database.</source>
        <translation>Taskdesk не может открыть свою базу данных.</translation>
    </message>
    <message>
        <source>started with --read-only</source>
        <translation>запущен с --read-only</translation>
    </message>
    <message>
        <source>the database refuses changes from this user</source>
        <translation>база данных не принимает изменения от этого пользователя</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 с назад</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 мин назад</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 ч назад</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>%1 дн. назад</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 мин %2 с</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 ч</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 дн.</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 дн. %2 ч</translation>
    </message>
</context>
<context>
    <name>taskdesk::Error</name>
    <message>
        <source>the search text is longer than %1 characters (%2)</source>
        <translation>текст поиска длиннее %1 символов (%2)</translation>
    </message>
    <message>
        <source>invalid schedule name &apos;%1&apos;: use 1 to 100 letters, digits and _ . : -</source>
        <translation>недопустимое имя расписания «%1»: используйте от 1 до 100 букв, цифр и _ . : -</translation>
    </message>
    <message>
        <source>invalid task kind &apos;%1&apos;: use 1 to 100 letters, digits and _ . : -</source>
        <translation>недопустимый вид задачи «%1»: используйте от 1 до 100 букв, цифр и _ . : -</translation>
    </message>
    <message>
        <source>invalid queue name &apos;%1&apos;: use 1 to 100 letters, digits and _ . : -</source>
        <translation>недопустимое имя очереди «%1»: используйте от 1 до 100 букв, цифр и _ . : -</translation>
    </message>
    <message>
        <source>priority must be between -1000 and 1000</source>
        <translation>приоритет должен быть от -1000 до 1000</translation>
    </message>
    <message>
        <source>args must be a JSON object or array</source>
        <translation>аргументы должны быть объектом или массивом JSON</translation>
    </message>
    <message>
        <source>args are not valid JSON: %1</source>
        <translation>аргументы — недопустимый JSON: %1</translation>
    </message>
    <message>
        <source>a schedule runs either every N seconds or on a cron expression, not both</source>
        <translation>расписание работает либо каждые N секунд, либо по выражению cron, но не то и другое сразу</translation>
    </message>
    <message>
        <source>a schedule needs an interval (every N seconds) or a cron expression</source>
        <translation>расписанию нужен интервал (каждые N секунд) или выражение cron</translation>
    </message>
    <message>
        <source>the interval must be between 1 and %1 seconds (366 days); got %2</source>
        <translation>интервал должен быть от 1 до %1 секунд (366 дней); указано %2</translation>
    </message>
    <message>
        <source>no schedule named &apos;%1&apos;</source>
        <translation>нет расписания с именем «%1»</translation>
    </message>
    <message>
        <source>no schedule with id %1</source>
        <translation>нет расписания с id %1</translation>
    </message>
    <message>
        <source>a schedule named &apos;%1&apos; already exists</source>
        <translation>расписание с именем «%1» уже есть</translation>
    </message>
    <message>
        <source>permission denied: only an admin (the taskdesk_admin role) may add, edit or remove process definitions; operators start, stop and restart them</source>
        <translation>доступ запрещён: добавлять, изменять и удалять описания процессов может только администратор (роль taskdesk_admin); операторы их запускают, останавливают и перезапускают</translation>
    </message>
    <message>
        <source>permission denied: %1 is read-only</source>
        <translation>доступ запрещён: %1 доступен только для чтения</translation>
    </message>
    <message>
        <source>a process named &apos;%1&apos; already exists</source>
        <translation>процесс с именем «%1» уже есть</translation>
    </message>
    <message>
        <source>no process named &apos;%1&apos;</source>
        <translation>нет процесса с именем «%1»</translation>
    </message>
    <message>
        <source>process &apos;%1&apos; is %2 (desired %3); stop it before removing it</source>
        <translation>процесс «%1» в состоянии %2 (нужно: %3); остановите его, прежде чем удалять</translation>
    </message>
    <message>
        <source>Task %1 not found</source>
        <translation>Задача %1 не найдена</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>минута</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>час</translation>
    </message>
    <message>
        <source>day-of-month</source>
        <translation>день месяца</translation>
    </message>
    <message>
        <source>month</source>
        <translation>месяц</translation>
    </message>
    <message>
        <source>a month name (jan-dec)</source>
        <translation>название месяца (jan–dec)</translation>
    </message>
    <message>
        <source>day-of-week</source>
        <translation>день недели</translation>
    </message>
    <message>
        <source>a day name (sun-sat)</source>
        <translation>название дня недели (sun–sat)</translation>
    </message>
    <message>
        <source>%1 field: %2</source>
        <translation>поле «%1»: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number or %2</source>
        <translation>«%1» — не число и не %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>«%1» — не число</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is out of range %2-%3</source>
        <translation>«%1» вне диапазона %2–%3</translation>
    </message>
    <message>
        <source>empty element in &apos;%1&apos;</source>
        <translation>пустой элемент в «%1»</translation>
    </message>
    <message>
        <source>step &apos;%1&apos; in &apos;%2&apos; must be a number from 1 to %3</source>
        <translation>шаг «%1» в «%2» должен быть числом от 1 до %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no value before the step</source>
        <translation>в «%1» нет значения перед шагом</translation>
    </message>
    <message>
        <source>range &apos;%1&apos; is missing an end</source>
        <translation>у диапазона «%1» нет конца</translation>
    </message>
    <message>
        <source>range &apos;%1&apos; runs backwards</source>
        <translation>диапазон «%1» идёт в обратную сторону</translation>
    </message>
    <message>
        <source>invalid cron expression &apos;%1&apos;: %2</source>
        <translation>неверное выражение cron «%1»: %2</translation>
    </message>
    <message>
        <source>unknown shorthand &apos;%1&apos; (use @yearly, @monthly, @weekly, @daily or @hourly)</source>
        <translation>неизвестное сокращение «%1» (используйте @yearly, @monthly, @weekly, @daily или @hourly)</translation>
    </message>
    <message>
        <source>expected five fields (minute hour day-of-month month day-of-week), got %1</source>
        <translation>нужно пять полей (minute hour day-of-month month day-of-week), указано %1</translation>
    </message>
    <message>
        <source>it matches no date at all (is the day of month past the end of every month chosen?)</source>
        <translation>оно не совпадает ни с одной датой (может быть, выбранный день месяца позже конца каждого из выбранных месяцев?)</translation>
    </message>
    <message>
        <source>the process name is empty</source>
        <translation>имя процесса не указано</translation>
    </message>
    <message>
        <source>the process name &apos;%1&apos; may hold only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64, starting with a letter or digit)</source>
        <translation>имя процесса «%1» может содержать только буквы, цифры, «.», «_» и «-» (не больше 64 символов, начиная с буквы или цифры)</translation>
    </message>
    <message>
        <source>the host &apos;%1&apos; contains spaces</source>
        <translation>в имени хоста «%1» есть пробелы</translation>
    </message>
    <message>
        <source>the program is empty</source>
        <translation>программа не указана</translation>
    </message>
    <message>
        <source>the program &apos;%1&apos; is not an absolute path (for example /usr/bin/%1); it is run without a shell</source>
        <translation>программа «%1» указана не абсолютным путём (например, /usr/bin/%1); она запускается без оболочки</translation>
    </message>
    <message>
        <source>the working folder &apos;%1&apos; is not an absolute path</source>
        <translation>рабочая папка «%1» указана не абсолютным путём</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid environment variable name</source>
        <translation>«%1» — недопустимое имя переменной окружения</translation>
    </message>
    <message>
        <source>the stop grace time must be between %1 and %2 ms (got %3)</source>
        <translation>время на остановку должно быть от %1 до %2 мс (указано %3)</translation>
    </message>
    <message>
        <source>the base backoff must be between %1 and %2 ms (got %3)</source>
        <translation>начальная пауза перед перезапуском должна быть от %1 до %2 мс (указано %3)</translation>
    </message>
    <message>
        <source>the backoff cap must be between %1 and %2 ms (got %3)</source>
        <translation>наибольшая пауза перед перезапуском должна быть от %1 до %2 мс (указано %3)</translation>
    </message>
    <message>
        <source>the healthy uptime must be between %1 and %2 ms (got %3)</source>
        <translation>время работы без сбоев должно быть от %1 до %2 мс (указано %3)</translation>
    </message>
    <message>
        <source>the startup time must be between %1 and %2 ms (got %3)</source>
        <translation>время запуска должно быть от %1 до %2 мс (указано %3)</translation>
    </message>
    <message>
        <source>the maximum of consecutive failures must be between 1 and 1000 (got %1)</source>
        <translation>наибольшее число сбоев подряд должно быть от 1 до 1000 (указано %1)</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; is not in &apos;%3&apos; (renamed?)</source>
        <translation>столбца %1 «%2» нет в «%3» (переименован?)</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; (%3) keeps no time Taskdesk can read (timestamptz, timestamp, ISO text, epoch seconds or milliseconds)</source>
        <translation>в столбце %1 «%2» (%3) нет времени, которое Taskdesk умеет читать (timestamptz, timestamp, текст ISO, секунды или миллисекунды epoch)</translation>
    </message>
    <message>
        <source>no type</source>
        <translation>без типа</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; is %3 (%4), not %5 as mapped</source>
        <translation>столбец %1 «%2» хранит %3 (%4), а не %5, как указано в сопоставлении</translation>
    </message>
    <message>
        <source>key</source>
        <translation>ключа</translation>
    </message>
    <message>
        <source>title</source>
        <translation>заголовка</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>вида</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>очереди</translation>
    </message>
    <message>
        <source>error</source>
        <translation>ошибки</translation>
    </message>
    <message>
        <source>log</source>
        <translation>журнала</translation>
    </message>
    <message>
        <source>progress</source>
        <translation>прогресса</translation>
    </message>
    <message>
        <source>status</source>
        <translation>статуса</translation>
    </message>
    <message>
        <source>fence</source>
        <translation>проверки изменений</translation>
    </message>
    <message>
        <source>created</source>
        <translation>времени создания</translation>
    </message>
    <message>
        <source>started</source>
        <translation>времени начала</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>времени окончания</translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation>времени изменения</translation>
    </message>
    <message>
        <source>items key</source>
        <translation>ключа элементов</translation>
    </message>
    <message>
        <source>items foreign key</source>
        <translation>ссылки элементов на строку</translation>
    </message>
    <message>
        <source>items label</source>
        <translation>названия элементов</translation>
    </message>
    <message>
        <source>items log</source>
        <translation>журнала элементов</translation>
    </message>
    <message>
        <source>items status</source>
        <translation>статуса элементов</translation>
    </message>
    <message>
        <source>items started</source>
        <translation>времени начала элементов</translation>
    </message>
    <message>
        <source>items finished</source>
        <translation>времени окончания элементов</translation>
    </message>
    <message>
        <source>source &apos;%1&apos;: %2</source>
        <translation>источник «%1»: %2</translation>
    </message>
</context>
<context>
    <name>taskdesk::StoredText</name>
    <message>
        <source>Task created by %1</source>
        <translation>Задача создана пользователем %1</translation>
    </message>
    <message>
        <source>Attempt %1 of %2 started on worker %3</source>
        <translation>Попытка %1 из %2 начата на воркере %3</translation>
    </message>
    <message>
        <source>Task completed</source>
        <translation>Задача выполнена</translation>
    </message>
    <message>
        <source>Attempt %1 failed: %2. Retrying in %3 s</source>
        <translation>Попытка %1 не удалась: %2. Повтор через %3 с</translation>
    </message>
    <message>
        <source>Task failed (%1): %2</source>
        <translation>Задача завершилась ошибкой (%1): %2</translation>
    </message>
    <message>
        <source>Task cancelled manually by %1</source>
        <translation>Задача отменена вручную пользователем %1</translation>
    </message>
    <message>
        <source>Cancelled by %1</source>
        <translation>Отменено пользователем %1</translation>
    </message>
    <message>
        <source>⚠️ Task force stopped by %1</source>
        <translation>⚠️ Задача принудительно остановлена пользователем %1</translation>
    </message>
    <message>
        <source>⚠️ Force stopped by %1</source>
        <translation>⚠️ Принудительно остановлено пользователем %1</translation>
    </message>
    <message>
        <source>Task force stopped by %1</source>
        <translation>Задача принудительно остановлена пользователем %1</translation>
    </message>
    <message>
        <source>Task restarted by %1</source>
        <translation>Задача перезапущена пользователем %1</translation>
    </message>
    <message>
        <source>Worker %1 lost: %2; %3</source>
        <translation>Воркер %1 потерян: %2; %3</translation>
    </message>
    <message>
        <source>no heartbeat for %1 s (timeout %2 s)</source>
        <translation>нет пульса %1 с (предел %2 с)</translation>
    </message>
    <message>
        <source>re-queued (attempt %1 of %2 used)</source>
        <translation>возвращена в очередь (использована попытка %1 из %2)</translation>
    </message>
    <message>
        <source>marked FAILED (worker_lost)</source>
        <translation>получила статус «Ошибка» (worker_lost)</translation>
    </message>
    <message>
        <source>its process died, %1</source>
        <translation>его процесс завершился, %1</translation>
    </message>
    <message>
        <source>Stuck in the queue for %1 min (threshold %2 min); marked FAILED (stuck_swept) by %3</source>
        <translation>Зависла в очереди на %1 мин (порог %2 мин); статус «Ошибка» (stuck_swept) присвоил %3</translation>
    </message>
    <message>
        <source>No heartbeat for %1 s; re-queued by %2 (clean-up)</source>
        <translation>Нет пульса %1 с; возвращена в очередь пользователем %2 (очистка)</translation>
    </message>
    <message>
        <source>Item started</source>
        <translation>Элемент начат</translation>
    </message>
    <message>
        <source>Item completed</source>
        <translation>Элемент выполнен</translation>
    </message>
    <message>
        <source>Item failed: %1</source>
        <translation>Элемент не выполнен: %1</translation>
    </message>
    <message numerus="yes">
        <source>[… %n lines dropped …]</source>
        <translation>
            <numerusform>[… пропущена %n строка …]</numerusform>
            <numerusform>[… пропущено %n строки …]</numerusform>
            <numerusform>[… пропущено %n строк …]</numerusform>
        </translation>
    </message>
    <message>
        <source>Worker %1 stopped while the task was running</source>
        <translation>Воркер %1 остановлен во время выполнения задачи</translation>
    </message>
    <message>
        <source>Time limit of %1 s exceeded; the process group was stopped</source>
        <translation>Превышен предел времени %1 с; группа процессов остановлена</translation>
    </message>
    <message>
        <source>Exited with code %1</source>
        <translation>Завершилась с кодом %1</translation>
    </message>
    <message>
        <source>Killed by %1 (signal %2)</source>
        <translation>Убита сигналом %1 (%2)</translation>
    </message>
    <message>
        <source>Could not start %1: it is missing or not executable</source>
        <translation>Не удалось запустить %1: программа отсутствует или не исполняемая</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>Не удалось запустить %1: %2</translation>
    </message>
    <message>
        <source>Item &apos;%1&apos; could not be started: %2</source>
        <translation>Элемент «%1» не удалось начать: %2</translation>
    </message>
    <message>
        <source>Item &apos;%1&apos; failed: %2</source>
        <translation>Элемент «%1» не выполнен: %2</translation>
    </message>
    <message>
        <source>Item &apos;%1&apos; completed but could not be recorded: %2</source>
        <translation>Элемент «%1» выполнен, но записать это не удалось: %2</translation>
    </message>
    <message>
        <source>Enqueued by schedule &apos;%1&apos; (%2) for the slot of %3</source>
        <translation>Поставлена в очередь расписанием «%1» (%2) на время %3</translation>
    </message>
    <message>
        <source>adopted from %1; its output is followed from now on</source>
        <translation>принят от %1; его вывод отслеживается с этого момента</translation>
    </message>
    <message>
        <source>a supervisor that is gone</source>
        <translation>супервизора, которого больше нет</translation>
    </message>
    <message>
        <source>exited while no supervisor watched it</source>
        <translation>завершился, пока за ним не следил ни один супервизор</translation>
    </message>
    <message>
        <source>unknown (it exited while no supervisor watched it)</source>
        <translation>неизвестно (завершился, пока за ним не следил ни один супервизор)</translation>
    </message>
    <message>
        <source>stopped by an operator</source>
        <translation>остановлен оператором</translation>
    </message>
    <message>
        <source>restarted by an operator</source>
        <translation>перезапущен оператором</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>удалён</translation>
    </message>
    <message>
        <source>stopped with the supervisor</source>
        <translation>остановлен вместе с супервизором</translation>
    </message>
    <message>
        <source>the program %1 does not exist</source>
        <translation>программа %1 не существует</translation>
    </message>
    <message>
        <source>the program %1 is not a file</source>
        <translation>программа %1 — не файл</translation>
    </message>
    <message>
        <source>the program %1 is not executable</source>
        <translation>программа %1 не исполняемая</translation>
    </message>
    <message>
        <source>the working folder %1 does not exist</source>
        <translation>рабочая папка %1 не существует</translation>
    </message>
    <message>
        <source>cannot read the allow list %1: %2</source>
        <translation>не удаётся прочитать список разрешённых %1: %2</translation>
    </message>
    <message>
        <source>the allow list %1 does not allow %2 with these arguments</source>
        <translation>список разрешённых %1 не разрешает %2 с этими аргументами</translation>
    </message>
    <message>
        <source>the program %1 is not in the allow list %2</source>
        <translation>программы %1 нет в списке разрешённых %2</translation>
    </message>
    <message numerus="yes">
        <source>restarting after %n failure(s)</source>
        <translation>
            <numerusform>перезапуск после %n сбоя</numerusform>
            <numerusform>перезапуск после %n сбоев</numerusform>
            <numerusform>перезапуск после %n сбоев</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>не удаётся запустить %1: %2</translation>
    </message>
    <message>
        <source>exited (%1); not restarted: restart policy %2</source>
        <translation>завершился (%1); не перезапускается: правило перезапуска %2</translation>
    </message>
    <message numerus="yes">
        <source>exited %n time(s) in a row without staying up for %1 ms (last: %2); start it again once the cause is fixed</source>
        <translation>
            <numerusform>завершился %n раз подряд, не проработав и %1 мс (последний выход: %2); запустите его снова, когда причина будет устранена</numerusform>
            <numerusform>завершился %n раза подряд, не проработав и %1 мс (последний выход: %2); запустите его снова, когда причина будет устранена</numerusform>
            <numerusform>завершился %n раз подряд, не проработав и %1 мс (последний выход: %2); запустите его снова, когда причина будет устранена</numerusform>
        </translation>
    </message>
    <message>
        <source>exited (%1); restarting in %2 ms (failure %3 of %4)</source>
        <translation>завершился (%1); перезапуск через %2 мс (сбой %3 из %4)</translation>
    </message>
    <message>
        <source>left running without a supervisor (%1 detached)</source>
        <translation>оставлен работать без супервизора (%1 отключился)</translation>
    </message>
    <message>
        <source>not restarted: the supervisor left</source>
        <translation>не перезапущен: супервизор завершил работу</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>код выхода %1</translation>
    </message>
    <message>
        <source>killed by signal %1 (%2)</source>
        <translation>убит сигналом %1 (%2)</translation>
    </message>
    <message>
        <source>exit status unknown (adopted process)</source>
        <translation>код выхода неизвестен (принятый процесс)</translation>
    </message>
    <message>
        <source>empty database location</source>
        <translation>расположение базы данных не указано</translation>
    </message>
    <message>
        <source>unknown database URL &apos;%1&apos;: use a file path, sqlite:///path, postgresql://… or mysql://… (in lower case)</source>
        <translation>неизвестный адрес базы данных «%1»: укажите путь к файлу, sqlite:///путь, postgresql://… или mysql://… (строчными буквами)</translation>
    </message>
    <message>
        <source>not a valid PostgreSQL URL &apos;%1&apos;: expected postgresql://[user@]host[:port]/database</source>
        <translation>недопустимый адрес PostgreSQL «%1»: ожидается postgresql://[пользователь@]хост[:порт]/база</translation>
    </message>
    <message>
        <source>not a valid PostgreSQL URL: %1</source>
        <translation>недопустимый адрес PostgreSQL: %1</translation>
    </message>
    <message>
        <source>a password in the database URL is not accepted; use PGPASSWORD or ~/.pgpass</source>
        <translation>пароль в адресе базы данных не принимается; используйте PGPASSWORD или ~/.pgpass</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid port (1 to 65535)</source>
        <translation>«%1» — недопустимый порт (от 1 до 65535)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid sslmode (%2)</source>
        <translation>«%1» — недопустимое значение sslmode (%2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid application_name (1 to 63 letters, digits and _ . : @ / + -)</source>
        <translation>«%1» — недопустимое значение application_name (от 1 до 63 букв, цифр и _ . : @ / + -)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid %2 (%3)</source>
        <translation>«%1» — недопустимое значение %2 (%3)</translation>
    </message>
    <message>
        <source>a whole number, 0 or more</source>
        <translation>целое число, 0 или больше</translation>
    </message>
    <message>
        <source>0 or 1</source>
        <translation>0 или 1</translation>
    </message>
    <message>
        <source>unknown PostgreSQL option &apos;%1&apos;</source>
        <translation>неизвестный параметр PostgreSQL «%1»</translation>
    </message>
    <message>
        <source>the PostgreSQL URL names no database</source>
        <translation>в адресе PostgreSQL не указана база данных</translation>
    </message>
    <message>
        <source>expected sqlite:///absolute/path.db, got &apos;%1&apos;</source>
        <translation>ожидается sqlite:///абсолютный/путь.db, указано «%1»</translation>
    </message>
    <message>
        <source>cannot open %1: the folder %2 is read-only (SQLite writes its -wal and -shm files beside the database)</source>
        <translation>не удаётся открыть %1: папка %2 доступна только для чтения (SQLite пишет свои файлы -wal и -shm рядом с базой данных)</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>не удаётся открыть %1: %2</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>не удаётся создать папку %1</translation>
    </message>
    <message>
        <source>%1 is a folder, not a database file</source>
        <translation>%1 — это папка, а не файл базы данных</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a SQLite database (the file was left untouched)</source>
        <translation>%1 — не база данных SQLite (файл не тронут)</translation>
    </message>
    <message>
        <source>%1 is a SQLite database of another program, not Taskdesk&apos;s (the file was left untouched)</source>
        <translation>%1 — база данных SQLite другой программы, а не Taskdesk (файл не тронут)</translation>
    </message>
    <message>
        <source>%1 is damaged (%2); nothing was written to it, &apos;taskdeskctl check&apos; lists what is wrong</source>
        <translation>%1 повреждена (%2); в неё ничего не записано, «taskdeskctl check» покажет, что не так</translation>
    </message>
    <message>
        <source>the database %1 has a table schema_migrations that is not Taskdesk&apos;s (another program&apos;s, such as a Rails application&apos;s); nothing was changed</source>
        <translation>в базе данных %1 есть таблица schema_migrations, которая принадлежит не Taskdesk (а другой программе, например приложению Rails); ничего не изменено</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, newer than this Taskdesk understands (version %3); upgrade Taskdesk to open it (nothing was changed)</source>
        <translation>у базы данных %1 версия схемы %2 — новее, чем понимает этот Taskdesk (версия %3); обновите Taskdesk, чтобы её открыть (ничего не изменено)</translation>
    </message>
    <message>
        <source>the database file %1 was deleted while in use; nothing more is written, and it is not created again</source>
        <translation>файл базы данных %1 удалён во время работы; больше ничего не записывается, и он не будет создан заново</translation>
    </message>
    <message>
        <source>the database file %1 was replaced by another file while in use; nothing more is written to either; restart to open the new one</source>
        <translation>файл базы данных %1 заменён другим файлом во время работы; больше ничего не записывается ни в один из них; перезапустите программу, чтобы открыть новый</translation>
    </message>
    <message>
        <source>no database at %1</source>
        <translation>по пути %1 нет базы данных</translation>
    </message>
    <message>
        <source>permission denied (read-only role)</source>
        <translation>доступ запрещён (роль только для чтения)</translation>
    </message>
    <message>
        <source>%1 is not a SQLite database</source>
        <translation>%1 — не база данных SQLite</translation>
    </message>
    <message>
        <source>%1 is damaged (database disk image is malformed)</source>
        <translation>%1 повреждена (образ базы данных на диске испорчен)</translation>
    </message>
    <message>
        <source>%1 is read-only</source>
        <translation>%1 доступна только для чтения</translation>
    </message>
    <message>
        <source>the database is locked by another process</source>
        <translation>база данных заблокирована другим процессом</translation>
    </message>
    <message>
        <source>adopted (pid %1)</source>
        <translation>принят (pid %1)</translation>
    </message>
    <message>
        <source>started (pid %1)</source>
        <translation>запущен (pid %1)</translation>
    </message>
    <message>
        <source>did not stop within %1 ms: SIGKILL</source>
        <translation>не остановился за %1 мс: SIGKILL</translation>
    </message>
    <message>
        <source>exited: %1</source>
        <translation>завершился: %1</translation>
    </message>
    <message>
        <source>FATAL: %1</source>
        <translation>Сбой: %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid socket (an absolute path)</source>
        <translation>«%1» — недопустимый сокет (нужен абсолютный путь)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid connect_timeout (seconds, 1 to 3600)</source>
        <translation>«%1» — недопустимое значение connect_timeout (секунды, от 1 до 3600)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid source name (1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, not starting with &apos;-&apos;)</source>
        <translation>«%1» — недопустимое имя источника (от 1 до 64 букв, цифр, «.», «_» или «-», но не с «-» в начале)</translation>
    </message>
    <message>
        <source>a password in the database URL is not accepted; put it in the [client] group of a MySQL option file (~/.my.cnf, mode 0600)</source>
        <translation>пароль в адресе базы данных не принимается; укажите его в группе [client] файла параметров MySQL (~/.my.cnf, права 0600)</translation>
    </message>
    <message>
        <source>not a valid MySQL URL &apos;%1&apos;: expected %2://[user@]host[:port]/database[?socket=/path]</source>
        <translation>недопустимый адрес MySQL «%1»: ожидается %2://[пользователь@]хост[:порт]/база[?socket=/путь]</translation>
    </message>
    <message>
        <source>unknown MySQL option &apos;%1&apos; (known: socket, connect_timeout)</source>
        <translation>неизвестный параметр MySQL «%1» (известны: socket, connect_timeout)</translation>
    </message>
    <message>
        <source>the MySQL URL names both a host and a socket; leave the host out: %1://user@/db?socket=…</source>
        <translation>в адресе MySQL указаны и хост, и сокет; уберите хост: %1://user@/db?socket=…</translation>
    </message>
    <message>
        <source>the MySQL URL names no host (or ?socket=/path/mysqld.sock)</source>
        <translation>в адресе MySQL не указан хост (или ?socket=/путь/mysqld.sock)</translation>
    </message>
    <message>
        <source>the MySQL URL names no database</source>
        <translation>в адресе MySQL не указана база данных</translation>
    </message>
    <message>
        <source>%1: Taskdesk keeps its own data in SQLite or PostgreSQL; a MySQL or MariaDB database can only be attached as another program&apos;s job table</source>
        <translation>%1: свои данные Taskdesk хранит в SQLite или PostgreSQL; базу MySQL или MariaDB можно только подключить как таблицу задач другой программы</translation>
    </message>
    <message>
        <source>%1: unknown key &apos;%2&apos;</source>
        <translation>%1: неизвестный ключ «%2»</translation>
    </message>
    <message>
        <source>%1.values: &apos;%2&apos; is mapped to &apos;%3&apos;, not to PENDING, RUNNING, COMPLETED or FAILED</source>
        <translation>%1.values: «%2» сопоставлено с «%3», а не с PENDING, RUNNING, COMPLETED или FAILED</translation>
    </message>
    <message>
        <source>%1.%2 must be text</source>
        <translation>%1.%2 должно быть текстом</translation>
    </message>
    <message>
        <source>%1.%2 must be true or false</source>
        <translation>%1.%2 должно быть true или false</translation>
    </message>
    <message>
        <source>%1.%2 must be a whole number</source>
        <translation>%1.%2 должно быть целым числом</translation>
    </message>
    <message>
        <source>%1.%2 must be an object</source>
        <translation>%1.%2 должно быть объектом</translation>
    </message>
    <message>
        <source>%1: unknown time type &apos;%2&apos; (timestamptz, timestamp, iso, epoch_s or epoch_ms)</source>
        <translation>%1: неизвестный тип времени «%2» (timestamptz, timestamp, iso, epoch_s или epoch_ms)</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not a plain column name (letters, digits, &apos;_&apos;)</source>
        <translation>%1: «%2» — недопустимое имя (только буквы, цифры и «_»)</translation>
    </message>
    <message>
        <source>%1: no status column</source>
        <translation>%1: не указан столбец статуса</translation>
    </message>
    <message>
        <source>%1: no status value is mapped</source>
        <translation>%1: не сопоставлено ни одно значение статуса</translation>
    </message>
    <message>
        <source>%1: the failed value &apos;%2&apos; is not a value mapped to FAILED</source>
        <translation>%1: значение для сбоя «%2» не сопоставлено с FAILED</translation>
    </message>
    <message>
        <source>%1: the pending value &apos;%2&apos; is not a value mapped to PENDING</source>
        <translation>%1: значение для ожидания «%2» не сопоставлено с PENDING</translation>
    </message>
    <message>
        <source>source.title must be a column or a list of columns</source>
        <translation>source.title должно быть столбцом или списком столбцов</translation>
    </message>
    <message>
        <source>source.stuck.action must be mark_failed or retry, not &apos;%1&apos;</source>
        <translation>source.stuck.action должно быть mark_failed или retry, а не «%1»</translation>
    </message>
    <message>
        <source>no connection: give a SQLite file, a postgresql:// or a mysql:// URL</source>
        <translation>не указано подключение: укажите файл SQLite или адрес postgresql:// либо mysql://</translation>
    </message>
    <message>
        <source>no table</source>
        <translation>не указана таблица</translation>
    </message>
    <message>
        <source>no key column</source>
        <translation>не указан столбец ключа</translation>
    </message>
    <message>
        <source>the time column &apos;%1&apos; has no type</source>
        <translation>у столбца времени «%1» не указан тип</translation>
    </message>
    <message>
        <source>the time column &apos;%1&apos;: &apos;%2&apos; is not a time zone</source>
        <translation>столбец времени «%1»: «%2» — не часовой пояс</translation>
    </message>
    <message>
        <source>progress needs both its columns, done and total</source>
        <translation>для прогресса нужны оба столбца: done и total</translation>
    </message>
    <message>
        <source>the items table needs its key and the column that names the row (foreign key)</source>
        <translation>для таблицы элементов нужны её ключ и столбец, указывающий на строку (внешний ключ)</translation>
    </message>
    <message>
        <source>no fence column: choose the column an action checks is unchanged (updated_at, started_at or a version column)</source>
        <translation>не указан контрольный столбец: выберите столбец, неизменность которого действие проверяет (updated_at, started_at или столбец версии)</translation>
    </message>
    <message>
        <source>the fence column &apos;%1&apos; is neither a mapped time column nor a version column</source>
        <translation>контрольный столбец «%1» — не сопоставленный столбец времени и не столбец версии</translation>
    </message>
    <message>
        <source>queued longer than %1 minutes: give 1 to %2 minutes</source>
        <translation>в очереди дольше %1 мин: укажите от 1 до %2 мин</translation>
    </message>
    <message>
        <source>running without a change for %1 minutes: give 1 to %2 minutes</source>
        <translation>выполняется без изменений %1 мин: укажите от 1 до %2 мин</translation>
    </message>
    <message>
        <source>a sweep every %1 s: give 10 to 86400 seconds</source>
        <translation>очистка каждые %1 с: укажите от 10 до 86400 секунд</translation>
    </message>
    <message>
        <source>a sweep that retries needs the pending value it writes</source>
        <translation>для очистки с повтором нужно значение ожидания, которое она запишет</translation>
    </message>
    <message>
        <source>a read-only source cannot be swept</source>
        <translation>источник только для чтения нельзя очищать</translation>
    </message>
    <message>
        <source>the table</source>
        <translation>таблица</translation>
    </message>
    <message>
        <source>the key column</source>
        <translation>столбец ключа</translation>
    </message>
    <message>
        <source>the title column</source>
        <translation>столбец заголовка</translation>
    </message>
    <message>
        <source>the kind column</source>
        <translation>столбец вида</translation>
    </message>
    <message>
        <source>the queue column</source>
        <translation>столбец очереди</translation>
    </message>
    <message>
        <source>the time column</source>
        <translation>столбец времени</translation>
    </message>
    <message>
        <source>the error column</source>
        <translation>столбец ошибки</translation>
    </message>
    <message>
        <source>the log column</source>
        <translation>столбец журнала</translation>
    </message>
    <message>
        <source>the progress column</source>
        <translation>столбец прогресса</translation>
    </message>
    <message>
        <source>the items table</source>
        <translation>таблица элементов</translation>
    </message>
    <message>
        <source>the items key</source>
        <translation>ключ элементов</translation>
    </message>
    <message>
        <source>the items foreign key</source>
        <translation>внешний ключ элементов</translation>
    </message>
    <message>
        <source>the items label</source>
        <translation>название элемента</translation>
    </message>
    <message>
        <source>the items log</source>
        <translation>журнал элементов</translation>
    </message>
    <message>
        <source>the items</source>
        <translation>элементы</translation>
    </message>
    <message>
        <source>the fence column</source>
        <translation>контрольный столбец</translation>
    </message>
    <message>
        <source>the table status column</source>
        <translation>столбец статуса таблицы</translation>
    </message>
    <message>
        <source>the items status column</source>
        <translation>столбец статуса элементов</translation>
    </message>
    <message>
        <source>there is no table &apos;%1&apos; in %2 (renamed or dropped?)</source>
        <translation>в %2 нет таблицы «%1» (переименована или удалена?)</translation>
    </message>
    <message>
        <source>source &apos;%1&apos;: %2</source>
        <translation>источник «%1»: %2</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; is not in &apos;%3&apos; (renamed?)</source>
        <translation>столбца %1 «%2» нет в «%3» (переименован?)</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; (%3) keeps no time Taskdesk can read (timestamptz, timestamp, ISO text, epoch seconds or milliseconds)</source>
        <translation>в столбце %1 «%2» (%3) нет времени, которое Taskdesk умеет читать (timestamptz, timestamp, текст ISO, секунды или миллисекунды epoch)</translation>
    </message>
    <message>
        <source>no type</source>
        <translation>без типа</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; is %3 (%4), not %5 as mapped</source>
        <translation>столбец %1 «%2» хранит %3 (%4), а не %5, как указано в сопоставлении</translation>
    </message>
    <message>
        <source>&apos;%1&apos; of &apos;%2&apos; is not an integer primary key (%3): a row must be named by one to be acted on</source>
        <translation>«%1» в «%2» — не целочисленный первичный ключ (%3): чтобы действовать над строкой, нужно указать её таким ключом</translation>
    </message>
    <message>
        <source>the status column &apos;%1&apos; is %2, which a %3 mapping cannot read</source>
        <translation>столбец статуса «%1» имеет тип %2, который сопоставление «%3» прочитать не может</translation>
    </message>
    <message>
        <source>text value</source>
        <translation>текстовое значение</translation>
    </message>
    <message>
        <source>the version column &apos;%1&apos; is %2, not an integer</source>
        <translation>столбец версии «%1» имеет тип %2, а не целое число</translation>
    </message>
    <message>
        <source>%1 needs an index on %2: CREATE INDEX %3_%2_idx ON %3 (%2)</source>
        <translation>%1: нужен индекс по %2: CREATE INDEX %3_%2_idx ON %3 (%2)</translation>
    </message>
    <message>
        <source>Reading a row&apos;s items needs an index on %1: CREATE INDEX %2_%1_idx ON %2 (%1)</source>
        <translation>Для чтения элементов строки нужен индекс по %1: CREATE INDEX %2_%1_idx ON %2 (%1)</translation>
    </message>
    <message>
        <source>Filtering by status and the stuck check</source>
        <translation>Фильтр по статусу и поиск зависших</translation>
    </message>
    <message>
        <source>Sorting by the heartbeat</source>
        <translation>Сортировка по сигналу активности</translation>
    </message>
    <message>
        <source>Sorting by the created time</source>
        <translation>Сортировка по времени создания</translation>
    </message>
    <message>
        <source>Sorting by the start time</source>
        <translation>Сортировка по времени запуска</translation>
    </message>
    <message>
        <source>Sorting by the finish time</source>
        <translation>Сортировка по времени завершения</translation>
    </message>
    <message>
        <source>source %1: %2</source>
        <translation>источник %1: %2</translation>
    </message>
    <message>
        <source>source %1 has no row %2 (deleted?)</source>
        <translation>в источнике %1 нет строки %2 (удалена?)</translation>
    </message>
    <message>
        <source>source %1 is attached read-only: %2 changes nothing there</source>
        <translation>источник %1 подключён только для чтения: действие «%2» там ничего не меняет</translation>
    </message>
    <message>
        <source>the mapping of source %1 does not allow Delete (allow_delete)</source>
        <translation>сопоставление источника %1 не разрешает удаление (allow_delete)</translation>
    </message>
    <message>
        <source>the mapping of source %1 names no failed value for %2 to write</source>
        <translation>в сопоставлении источника %1 не указано значение сбоя, которое записало бы действие «%2»</translation>
    </message>
    <message>
        <source>the mapping of source %1 names no pending value for Retry to write</source>
        <translation>в сопоставлении источника %1 не указано значение ожидания, которое записал бы повтор</translation>
    </message>
    <message>
        <source>%1 of row %2 of source %3 was done, but its audit row could not be written: %4</source>
        <translation>действие «%1» для строки %2 источника %3 выполнено, но запись в журнал аудита не удалась: %4</translation>
    </message>
    <message>
        <source>the key %1 of source %2 named %3 rows; nothing was changed</source>
        <translation>ключ %1 источника %2 указал сразу на несколько строк (%3); ничего не изменено</translation>
    </message>
    <message>
        <source>row %1 is gone (deleted by someone else); nothing was changed</source>
        <translation>строки %1 больше нет (её удалил кто-то другой); ничего не изменено</translation>
    </message>
    <message>
        <source>row %1 is %2 now (it was %3 when you looked); nothing was changed</source>
        <translation>строка %1 теперь в статусе %2 (когда вы смотрели, был %3); ничего не изменено</translation>
    </message>
    <message>
        <source>row %1 is %2: %3 is not taken from that status; nothing was changed</source>
        <translation>строка %1 в статусе %2: из этого статуса действие «%3» не выполняется; ничего не изменено</translation>
    </message>
    <message>
        <source>row %1 changed since you looked (%2 was &apos;%3&apos;, is &apos;%4&apos;); nothing was changed</source>
        <translation>строка %1 изменилась, пока вы смотрели (%2 было «%3», стало «%4»); ничего не изменено</translation>
    </message>
    <message>
        <source>row %1 waits in the queue: a retry would not change that</source>
        <translation>строка %1 ждёт в очереди: повтор этого не изменит</translation>
    </message>
    <message>
        <source>stuck: running with no change of %1 for over %2 min</source>
        <translation>зависла: выполняется, а %1 не меняется больше %2 мин</translation>
    </message>
    <message>
        <source>stuck: pending with no change of %1 for over %2 min</source>
        <translation>зависла: ждёт в очереди, а %1 не меняется больше %2 мин</translation>
    </message>
    <message>
        <source>the stored definition of source &apos;%1&apos; is not JSON (%2): edit or remove it</source>
        <translation>сохранённое описание источника «%1» — не JSON (%2): исправьте или удалите его</translation>
    </message>
    <message>
        <source>the stored definition of source &apos;%1&apos; is not valid: %2</source>
        <translation>сохранённое описание источника «%1» неверно: %2</translation>
    </message>
    <message>
        <source>there is no source &apos;%1&apos; (&apos;taskdeskctl sources list&apos; lists them)</source>
        <translation>источника «%1» нет (список источников: «taskdeskctl sources list»)</translation>
    </message>
    <message>
        <source>there is no source &apos;%1&apos;</source>
        <translation>источника «%1» нет</translation>
    </message>
    <message>
        <source>there is a source &apos;%1&apos; already</source>
        <translation>источник «%1» уже есть</translation>
    </message>
    <message>
        <source>cannot open %1: there is no such file (nothing was created)</source>
        <translation>не удаётся открыть %1: такого файла нет (ничего не создано)</translation>
    </message>
    <message>
        <source>there is no Taskdesk database at %1 (nothing was created)</source>
        <translation>по адресу %1 нет базы данных Taskdesk (ничего не создано)</translation>
    </message>
    <message>
        <source>Force Stop</source>
        <translation>Принудительно остановить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>↻ Task retried by %1</source>
        <translation>↻ Задача повторно запущена пользователем %1</translation>
    </message>
    <message>
        <source>Cancelled manually by %1</source>
        <translation>Отменено вручную пользователем %1</translation>
    </message>
    <message>
        <source>↻ Retried by %1</source>
        <translation>↻ Повторно запущено пользователем %1</translation>
    </message>
    <message>
        <source>Tasks of kind %1 failed</source>
        <translation>Задачи вида %1 упали</translation>
    </message>
    <message>
        <source>the last one: task %1 (%2), queue %3</source>
        <translation>последняя: задача %1 (%2), очередь %3</translation>
    </message>
    <message>
        <source>Stuck tasks: %1 for longer than %2</source>
        <translation>Зависших задач: %1 дольше %2</translation>
    </message>
    <message>
        <source>%1 running without a heartbeat, %2 waiting in a queue</source>
        <translation>без пульса выполняются: %1, ждут в очереди: %2</translation>
    </message>
    <message>
        <source>Process %1 on %2 is FATAL</source>
        <translation>Процесс %1 на %2 в состоянии FATAL</translation>
    </message>
    <message>
        <source>Process %1 on %2 restarted %3 times in %4</source>
        <translation>Процесс %1 на %2: перезапусков за %4 — %3</translation>
    </message>
    <message>
        <source>The oldest task in queue %1 has waited %2</source>
        <translation>Самая старая задача в очереди %1 ждёт уже %2</translation>
    </message>
    <message>
        <source>%1 due tasks wait; the threshold is %2</source>
        <translation>ждут задач: %1; порог — %2</translation>
    </message>
    <message>
        <source>Queue %1 is stalled: no task finished in %2 while %3 wait</source>
        <translation>Очередь %1 встала: за %2 не завершилась ни одна задача, ждут: %3</translation>
    </message>
    <message>
        <source>Worker %1 on %2 is lost: no heartbeat</source>
        <translation>Воркер %1 на %2 потерян: нет пульса</translation>
    </message>
    <message>
        <source>worker id %1</source>
        <translation>id воркера %1</translation>
    </message>
    <message>
        <source>Test alert from Taskdesk on %1</source>
        <translation>Тестовое оповещение Taskdesk с %1</translation>
    </message>
    <message>
        <source>Sent by %1 to check the %2 channel</source>
        <translation>Отправил %1, чтобы проверить канал %2</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n с</numerusform>
            <numerusform>%n с</numerusform>
            <numerusform>%n с</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n мин</numerusform>
            <numerusform>%n мин</numerusform>
            <numerusform>%n мин</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n ч</numerusform>
            <numerusform>%n ч</numerusform>
            <numerusform>%n ч</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::AlertTableModel</name>
    <message>
        <source>Task failed</source>
        <translation>Задача упала</translation>
    </message>
    <message>
        <source>Stuck tasks</source>
        <translation>Зависшие задачи</translation>
    </message>
    <message>
        <source>Process FATAL</source>
        <translation>Процесс в FATAL</translation>
    </message>
    <message>
        <source>Process restarts</source>
        <translation>Перезапуски процесса</translation>
    </message>
    <message>
        <source>Old queued task</source>
        <translation>Старая задача в очереди</translation>
    </message>
    <message>
        <source>Stalled queue</source>
        <translation>Очередь встала</translation>
    </message>
    <message>
        <source>Worker lost</source>
        <translation>Воркер потерян</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Тест</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Снято</translation>
    </message>
    <message>
        <source>Firing</source>
        <translation>Активно</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Правило</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Событий</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::AlertsView</name>
    <message>
        <source>Send Test Alert</source>
        <translation>Отправить тестовое оповещение</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Отменить изменения</translation>
    </message>
    <message>
        <source>Every channel that is on</source>
        <translation>Все включённые каналы</translation>
    </message>
    <message>
        <source>Sends a test alert now, from this app, and records how it went</source>
        <translation>Отправляет тестовое оповещение прямо сейчас из этого приложения и записывает результат</translation>
    </message>
    <message>
        <source>Firing</source>
        <translation>Активно</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Снято</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Оповещения</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Доставка</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Правила</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Каналы</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>every kind</source>
        <translation>все виды</translation>
    </message>
    <message>
        <source>The kinds whose failed tasks alert, separated by commas; empty: every kind</source>
        <translation>Виды задач, чьи падения вызывают оповещение, через запятую; пусто — все виды</translation>
    </message>
    <message>
        <source>A task failed after its last attempt</source>
        <translation>Задача упала после последней попытки</translation>
    </message>
    <message>
        <source>of the kinds</source>
        <translation>видов</translation>
    </message>
    <message>
        <source>Stuck tasks</source>
        <translation>Зависшие задачи</translation>
    </message>
    <message>
        <source>more than</source>
        <translation>больше</translation>
    </message>
    <message>
        <source>for longer than</source>
        <translation>дольше</translation>
    </message>
    <message>
        <source>A process went FATAL</source>
        <translation>Процесс перешёл в FATAL</translation>
    </message>
    <message>
        <source>A process restarts often</source>
        <translation>Процесс часто перезапускается</translation>
    </message>
    <message>
        <source>times in</source>
        <translation>раз за</translation>
    </message>
    <message>
        <source>A queued task waits too long</source>
        <translation>Задача слишком долго ждёт в очереди</translation>
    </message>
    <message>
        <source>older than</source>
        <translation>старше</translation>
    </message>
    <message>
        <source>A queue stalled</source>
        <translation>Очередь встала</translation>
    </message>
    <message>
        <source>nothing finished for</source>
        <translation>ничего не завершилось за</translation>
    </message>
    <message>
        <source>while tasks wait</source>
        <translation>при ждущих задачах</translation>
    </message>
    <message>
        <source>A worker was lost</source>
        <translation>Воркер потерян</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Доставка</translation>
    </message>
    <message>
        <source>One message per</source>
        <translation>Одно сообщение за</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Check the rules every</source>
        <translation>Проверять правила каждые</translation>
    </message>
    <message>
        <source>none, or e.g. 22:00-07:00</source>
        <translation>нет, или например 22:00-07:00</translation>
    </message>
    <message>
        <source>Nothing is sent during these hours; what was held goes out as one message when they end</source>
        <translation>В эти часы ничего не отправляется; накопившееся уходит одним сообщением, когда они закончатся</translation>
    </message>
    <message>
        <source>The time zone of the quiet hours, e.g. Europe/Kyiv</source>
        <translation>Часовой пояс тихих часов, например Europe/Kyiv</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Тихие часы</translation>
    </message>
    <message>
        <source>in the time zone</source>
        <translation>в часовом поясе</translation>
    </message>
    <message>
        <source>Retry a failed delivery after</source>
        <translation>Повторять неудачную доставку через</translation>
    </message>
    <message>
        <source>at most every</source>
        <translation>не реже чем раз в</translation>
    </message>
    <message>
        <source>Give up on a delivery after</source>
        <translation>Прекратить попытки доставки через</translation>
    </message>
    <message>
        <source>env:VARIABLE or file:/path</source>
        <translation>env:ПЕРЕМЕННАЯ или file:/путь</translation>
    </message>
    <message>
        <source>The stored value is no env: or file: reference and is not shown</source>
        <translation>Сохранённое значение — не ссылка env: или file:, и оно не показано</translation>
    </message>
    <message>
        <source>Where the secret is read from when a message goes: an environment variable of the sending process, or a file. The secret itself is never stored, shown or logged.</source>
        <translation>Откуда читается секрет при отправке: переменная окружения отправляющего процесса или файл. Сам секрет нигде не хранится, не показывается и не пишется в журналы.</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Bot token from:</source>
        <translation>Токен бота из:</translation>
    </message>
    <message>
        <source>Chat ID:</source>
        <translation>ID чата:</translation>
    </message>
    <message>
        <source>Bot API address:</source>
        <translation>Адрес Bot API:</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>Webhook address from:</source>
        <translation>Адрес вебхука из:</translation>
    </message>
    <message>
        <source>Webhook (Alertmanager&apos;s format)</source>
        <translation>Вебхук (формат Alertmanager)</translation>
    </message>
    <message>
        <source>Address from:</source>
        <translation>Адрес из:</translation>
    </message>
    <message>
        <source>Signing key from:</source>
        <translation>Ключ подписи из:</translation>
    </message>
    <message>
        <source>This app&apos;s tray, while it runs</source>
        <translation>Трей этого приложения, пока оно запущено</translation>
    </message>
    <message>
        <source>Rules and channels are shared by every supervisor and apply at its next check; changes are audited.</source>
        <translation>Правила и каналы общие для всех супервизоров и действуют с их следующей проверки; изменения попадают в журнал аудита.</translation>
    </message>
    <message>
        <source>Read-only: the settings are shown, not changed.</source>
        <translation>Только чтение: настройки видны, но не меняются.</translation>
    </message>
    <message>
        <source>The database does not answer: nothing can be changed.</source>
        <translation>База данных не отвечает: изменить ничего нельзя.</translation>
    </message>
    <message>
        <source>The alerts could not be read: %1</source>
        <translation>Не удалось прочитать оповещения: %1</translation>
    </message>
    <message>
        <source>No alert is firing.</source>
        <translation>Активных оповещений нет.</translation>
    </message>
    <message numerus="yes">
        <source>%n alerts firing.</source>
        <translation>
            <numerusform>Срабатывает %n оповещение.</numerusform>
            <numerusform>Срабатывают %n оповещения.</numerusform>
            <numerusform>Срабатывают %n оповещений.</numerusform>
        </translation>
    </message>
    <message>
        <source>Alert: %1</source>
        <translation>Оповещение: %1</translation>
    </message>
    <message>
        <source>Resolved: %1</source>
        <translation>Снято: %1</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Ничего не изменено.</translation>
    </message>
    <message>
        <source>The alert settings were not saved: %1</source>
        <translation>Настройки оповещений не сохранены: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n alert settings.</source>
        <translation>
            <numerusform>Сохранена %n настройка оповещений.</numerusform>
            <numerusform>Сохранены %n настройки оповещений.</numerusform>
            <numerusform>Сохранено %n настроек оповещений.</numerusform>
        </translation>
    </message>
    <message>
        <source>Test alert</source>
        <translation>Тестовое оповещение</translation>
    </message>
    <message>
        <source>A test alert from Taskdesk</source>
        <translation>Тестовое оповещение от Taskdesk</translation>
    </message>
    <message>
        <source>No test alert was sent: %1</source>
        <translation>Тестовое оповещение не отправлено: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>A test alert went to %1.</source>
        <translation>Тестовое оповещение отправлено: %1.</translation>
    </message>
    <message>
        <source>The test alert failed on %1</source>
        <translation>Тестовое оповещение не дошло: %1</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>enqueued</source>
        <translation>поставлена в очередь</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменена</translation>
    </message>
    <message>
        <source>force stopped</source>
        <translation>принудительно остановлена</translation>
    </message>
    <message>
        <source>restarted</source>
        <translation>перезапущена</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>удалена</translation>
    </message>
    <message>
        <source>swept</source>
        <translation>обработана чистильщиком</translation>
    </message>
    <message>
        <source>cleaned up</source>
        <translation>очищена</translation>
    </message>
    <message>
        <source>marked failed</source>
        <translation>помечена как ошибка</translation>
    </message>
    <message>
        <source>re-queued</source>
        <translation>возвращена в очередь</translation>
    </message>
    <message>
        <source>re-queued by retry</source>
        <translation>возвращена в очередь повтором</translation>
    </message>
    <message>
        <source>no heartbeat</source>
        <translation>нет пульса</translation>
    </message>
    <message>
        <source>waiting in the queue too long</source>
        <translation>слишком долго в очереди</translation>
    </message>
    <message>
        <source>operator&apos;s clean-up</source>
        <translation>очистка оператором</translation>
    </message>
    <message>
        <source>its worker died</source>
        <translation>её воркер завершился</translation>
    </message>
    <message>
        <source>rule: %1</source>
        <translation>правило: %1</translation>
    </message>
    <message>
        <source>stuck for %1</source>
        <translation>зависла на %1</translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>порог %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln running item(s) stopped</source>
        <translation>
            <numerusform>остановлен %Ln выполнявшийся элемент</numerusform>
            <numerusform>остановлено %Ln выполнявшихся элемента</numerusform>
            <numerusform>остановлено %Ln выполнявшихся элементов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln элемент</numerusform>
            <numerusform>%Ln элемента</numerusform>
            <numerusform>%Ln элементов</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (database role %2)</source>
        <translation>%1 (роль в базе данных %2)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>new</source>
        <translation>новая</translation>
    </message>
    <message>
        <source>The deleted task:</source>
        <translation>Удалённая задача:</translation>
    </message>
    <message>
        <source>setting changed</source>
        <translation>настройка изменена</translation>
    </message>
    <message>
        <source>process added</source>
        <translation>процесс добавлен</translation>
    </message>
    <message>
        <source>process changed</source>
        <translation>процесс изменён</translation>
    </message>
    <message>
        <source>process removed</source>
        <translation>процесс удалён</translation>
    </message>
    <message>
        <source>process started</source>
        <translation>процесс запущен</translation>
    </message>
    <message>
        <source>process stopped</source>
        <translation>процесс остановлен</translation>
    </message>
    <message>
        <source>process restarted</source>
        <translation>процесс перезапущен</translation>
    </message>
    <message>
        <source>process exited</source>
        <translation>процесс завершился</translation>
    </message>
    <message>
        <source>process FATAL</source>
        <translation>процесс в FATAL</translation>
    </message>
    <message>
        <source>start requested</source>
        <translation>запрошен запуск</translation>
    </message>
    <message>
        <source>stop requested</source>
        <translation>запрошена остановка</translation>
    </message>
    <message>
        <source>restart requested</source>
        <translation>запрошен перезапуск</translation>
    </message>
    <message>
        <source>process adopted</source>
        <translation>процесс принят</translation>
    </message>
    <message>
        <source>process left running</source>
        <translation>процесс оставлен работать</translation>
    </message>
    <message>
        <source>schedule added</source>
        <translation>расписание добавлено</translation>
    </message>
    <message>
        <source>schedule changed</source>
        <translation>расписание изменено</translation>
    </message>
    <message>
        <source>schedule removed</source>
        <translation>расписание удалено</translation>
    </message>
    <message>
        <source>schedule enabled</source>
        <translation>расписание включено</translation>
    </message>
    <message>
        <source>schedule disabled</source>
        <translation>расписание выключено</translation>
    </message>
    <message>
        <source>enqueued by schedule</source>
        <translation>поставлена по расписанию</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Удалено</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::AuditView</name>
    <message>
        <source>Load Older Entries</source>
        <translation>Загрузить более старые записи</translation>
    </message>
    <message>
        <source>Search who, action, task or details</source>
        <translation>Поиск по пользователю, действию, задаче или подробностям</translation>
    </message>
    <message>
        <source>No audit entries yet.</source>
        <translation>Записей аудита пока нет.</translation>
    </message>
    <message>
        <source>No entry matches.</source>
        <translation>Подходящих записей нет.</translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %Ln entry(s).</source>
        <translation>
            <numerusform>Показана %Ln самая новая запись.</numerusform>
            <numerusform>Показаны %Ln самые новые записи.</numerusform>
            <numerusform>Показаны %Ln самых новых записей.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %Ln matching entry(s).</source>
        <translation>
            <numerusform>Показана %Ln самая новая подходящая запись.</numerusform>
            <numerusform>Показаны %Ln самые новые подходящие записи.</numerusform>
            <numerusform>Показаны %Ln самых новых подходящих записей.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::DeliveryTableModel</name>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Вебхук</translation>
    </message>
    <message>
        <source>Tray</source>
        <translation>Трей</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Отправлено</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Отправляется</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Ожидает</translation>
    </message>
    <message>
        <source>Test alert</source>
        <translation>Тестовое оповещение</translation>
    </message>
    <message numerus="yes">
        <source>%n resolved</source>
        <translation>
            <numerusform>%n снято</numerusform>
            <numerusform>%n снято</numerusform>
            <numerusform>%n снято</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n firing</source>
        <translation>
            <numerusform>%n срабатывает</numerusform>
            <numerusform>%n срабатывают</numerusform>
            <numerusform>%n срабатывают</numerusform>
        </translation>
    </message>
    <message>
        <source>next at %1</source>
        <translation>следующая в %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Попытки</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создано</translation>
    </message>
    <message>
        <source>Last Error</source>
        <translation>Последняя ошибка</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::FilterChips</name>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>Зависшие</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Stuck: %1 waiting in the queue too long, %2 running without a heartbeat</source>
        <translation>Зависшие: слишком долго в очереди — %1, без пульса — %2</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::MainWindow</name>
    <message>
        <source>Taskdesk</source>
        <translation>Taskdesk</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Процессы</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>Зависшие</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Расписания</translation>
    </message>
    <message>
        <source>Stats</source>
        <translation>Статистика</translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation>Аудит</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>База данных: %1</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>Оператор: %1</translation>
    </message>
    <message>
        <source>Process %1 is FATAL</source>
        <translation>Процесс %1 в состоянии FATAL</translation>
    </message>
    <message>
        <source>The process %1 went FATAL: %2</source>
        <translation>Процесс %1 перешёл в состояние FATAL: %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>Load &amp;Demo</source>
        <translation>Загрузить &amp;демо</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>&amp;Задачи</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About Taskdesk</source>
        <translation>&amp;О Taskdesk</translation>
    </message>
    <message>
        <source>The database file was deleted or replaced: %1. The last data stays on screen and actions are off; start Taskdesk again to open the file now at that path.</source>
        <translation>Файл базы данных удалён или заменён: %1. Последние данные остаются на экране, действия отключены; запустите Taskdesk заново, чтобы открыть файл, который сейчас лежит по этому пути.</translation>
    </message>
    <message>
        <source>The database does not answer: %1. The last data stays on screen and actions are off until it answers again; Taskdesk keeps trying by itself.</source>
        <translation>База данных не отвечает: %1. Последние данные остаются на экране, действия отключены, пока она не ответит; Taskdesk продолжает попытки сам.</translation>
    </message>
    <message>
        <source>Read-only: everything is shown and nothing can be changed.</source>
        <translation>Только чтение: всё показано, ничего нельзя изменить.</translation>
    </message>
    <message>
        <source>Read-only: everything is shown and nothing can be changed (%1).</source>
        <translation>Только чтение: всё показано, ничего нельзя изменить (%1).</translation>
    </message>
    <message>
        <source>Database file lost</source>
        <translation>Файл базы данных потерян</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Только чтение</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <source>Database unreachable</source>
        <translation>База данных недоступна</translation>
    </message>
    <message>
        <source>The sweeper of this app started.</source>
        <translation>Чистильщик этого приложения запущен.</translation>
    </message>
    <message>
        <source>The sweeper of this app stopped.</source>
        <translation>Чистильщик этого приложения остановлен.</translation>
    </message>
    <message>
        <source>The scheduler of this app started.</source>
        <translation>Планировщик этого приложения запущен.</translation>
    </message>
    <message>
        <source>The scheduler of this app stopped.</source>
        <translation>Планировщик этого приложения остановлен.</translation>
    </message>
    <message>
        <source>Load the Demo?</source>
        <translation>Загрузить демо?</translation>
    </message>
    <message>
        <source>This database is empty. Load the demo to try every feature at once?</source>
        <translation>База данных пуста. Загрузить демо, чтобы сразу попробовать все возможности?</translation>
    </message>
    <message>
        <source>It adds sample tasks in every status (one of them stuck), a few hours of history, a worker and a scheduler process running small demo scripts, and two schedules.</source>
        <translation>Будут добавлены примеры задач во всех статусах (одна из них зависшая), история за несколько часов, процессы воркера и планировщика, выполняющие небольшие демо-скрипты, и два расписания.</translation>
    </message>
    <message>
        <source>Load Demo</source>
        <translation>Загрузить демо</translation>
    </message>
    <message>
        <source>Start Empty</source>
        <translation>Начать с пустой</translation>
    </message>
    <message>
        <source>The demo was not loaded: %1</source>
        <translation>Демо не загружено: %1</translation>
    </message>
    <message>
        <source>About Taskdesk</source>
        <translation>О Taskdesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Taskdesk %1&lt;/h3&gt;&lt;p&gt;An operations console for background jobs.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Taskdesk %1&lt;/h3&gt;&lt;p&gt;Консоль оператора фоновых задач.&lt;/p&gt;&lt;p&gt;База данных: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit Taskdesk</source>
        <translation>Выход из Taskdesk</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es) run under this window: %1.</source>
        <translation>
            <numerusform>Под этим окном работает %n процесс: %1.</numerusform>
            <numerusform>Под этим окном работают %n процесса: %1.</numerusform>
            <numerusform>Под этим окном работают %n процессов: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop them, or leave them running? Processes left running go on unsupervised until a supervisor takes this host again (the next Taskdesk window or taskdeskctl supervise); running tasks of stopped workers are marked failed.</source>
        <translation>Остановить их или оставить работать? Оставленные процессы работают без надзора, пока супервизор снова не возьмёт этот хост (следующее окно Taskdesk или taskdeskctl supervise); выполняющиеся задачи остановленных воркеров получают статус «Ошибка».</translation>
    </message>
    <message>
        <source>Stop Them</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Leave Them Running</source>
        <translation>Оставить работать</translation>
    </message>
    <message>
        <source>Stopping the processes; Taskdesk closes when they have stopped.</source>
        <translation>Процессы останавливаются; Taskdesk закроется, когда они остановятся.</translation>
    </message>
    <message>
        <source>&amp;Attach a Table…</source>
        <translation>&amp;Подключить таблицу…</translation>
    </message>
    <message>
        <source>The source %1 is attached.</source>
        <translation>Источник %1 подключён.</translation>
    </message>
    <message>
        <source>The attached table of the source %1</source>
        <translation>Подключённая таблица источника %1</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Оповещения</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::MissingDatabaseDialog</name>
    <message>
        <source>Create It</source>
        <translation>Создать</translation>
    </message>
    <message>
        <source>Choose Another…</source>
        <translation>Выбрать другую…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Taskdesk Database</source>
        <translation>База данных Taskdesk</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>Базы данных SQLite (*.db *.sqlite);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Taskdesk</source>
        <translation>Taskdesk</translation>
    </message>
    <message>
        <source>There is no database at %1.</source>
        <translation>По пути %1 нет базы данных.</translation>
    </message>
    <message>
        <source>Its folder %1 does not exist either.</source>
        <translation>Папки %1 тоже нет.</translation>
    </message>
    <message>
        <source>Create a new, empty database there, choose another database file, or quit and check the path.</source>
        <translation>Создайте там новую пустую базу данных, выберите другой файл базы данных или выйдите и проверьте путь.</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ProcessDialog</name>
    <message>
        <source>Start it whenever a supervisor takes over its host</source>
        <translation>Запускать, когда супервизор берёт его хост</translation>
    </message>
    <message>
        <source>Edit Process</source>
        <translation>Изменить процесс</translation>
    </message>
    <message>
        <source>Add Process</source>
        <translation>Добавить процесс</translation>
    </message>
    <message>
        <source>worker-1</source>
        <translation>worker-1</translation>
    </message>
    <message>
        <source>/usr/bin/taskdesk-worker</source>
        <translation>/usr/bin/taskdesk-worker</translation>
    </message>
    <message>
        <source>--config /etc/taskdesk/worker.ini</source>
        <translation>--config /etc/taskdesk/worker.ini</translation>
    </message>
    <message>
        <source>KEY=VALUE, one per line</source>
        <translation>КЛЮЧ=ЗНАЧЕНИЕ, по одному в строке</translation>
    </message>
    <message>
        <source>any: the first supervisor that sees it</source>
        <translation>любой: первый супервизор, который его увидит</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Программа</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Аргументы</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>Рабочая папка</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Окружение</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Перезапуск</translation>
    </message>
    <message>
        <source>Stop grace</source>
        <translation>Время на остановку</translation>
    </message>
    <message>
        <source>FATAL after failures</source>
        <translation>FATAL после сбоев</translation>
    </message>
    <message>
        <source>Arguments: %1</source>
        <translation>Аргументы: %1</translation>
    </message>
    <message>
        <source>Environment: &apos;%1&apos; is not KEY=VALUE</source>
        <translation>Окружение: «%1» — не КЛЮЧ=ЗНАЧЕНИЕ</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ProcessTableModel</name>
    <message>
        <source>Stopped</source>
        <translation>Остановлен</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Запускается</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Работает</translation>
    </message>
    <message>
        <source>Backoff</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Останавливается</translation>
    </message>
    <message>
        <source>Exited</source>
        <translation>Завершён</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>Сбой</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Wanted</source>
        <translation>Нужно</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Время работы</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>Перезапуски</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Сбои</translation>
    </message>
    <message>
        <source>Last exit</source>
        <translation>Последний выход</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>running</source>
        <translation>работает</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>остановлен</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ProcessesView</name>
    <message>
        <source>Start</source>
        <translation>Запустить</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Перезапустить</translation>
    </message>
    <message>
        <source>Start All</source>
        <translation>Запустить все</translation>
    </message>
    <message>
        <source>Stop All</source>
        <translation>Остановить все</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Добавить…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Вывод</translation>
    </message>
    <message>
        <source>%1 is running (pid %2).</source>
        <translation>%1 работает (pid %2).</translation>
    </message>
    <message>
        <source>%1 has stopped.</source>
        <translation>%1 остановлен.</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Воркеры</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Планировщик</translation>
    </message>
    <message>
        <source>Scheduler: running in this app</source>
        <translation>Планировщик: работает в этом приложении</translation>
    </message>
    <message>
        <source>Scheduler: on standby in this app (another one holds the lease)</source>
        <translation>Планировщик: в резерве в этом приложении (блокировку держит другой)</translation>
    </message>
    <message>
        <source>%1: FATAL %2</source>
        <translation>%1: FATAL %2</translation>
    </message>
    <message>
        <source>%1: running</source>
        <translation>%1: работают</translation>
    </message>
    <message>
        <source>%1: all %2 running</source>
        <translation>%1: работают все %2</translation>
    </message>
    <message>
        <source>%1: stopped</source>
        <translation>%1: остановлены</translation>
    </message>
    <message>
        <source>%1: %2 of %3 stopped</source>
        <translation>%1: остановлено %2 из %3</translation>
    </message>
    <message>
        <source>No processes</source>
        <translation>Процессов нет</translation>
    </message>
    <message>
        <source>Output of %1</source>
        <translation>Вывод %1</translation>
    </message>
    <message>
        <source>Only an admin (the taskdesk_admin role) may add, edit or remove process definitions</source>
        <translation>Добавлять, изменять и удалять описания процессов может только администратор (роль taskdesk_admin)</translation>
    </message>
    <message>
        <source>No supervisor runs for its host yet: it happens when one does (a Taskdesk window or taskdeskctl supervise).</source>
        <translation>Для его хоста пока не работает ни один супервизор: это произойдёт, когда он появится (окно Taskdesk или taskdeskctl supervise).</translation>
    </message>
    <message>
        <source>Starting %1.</source>
        <translation>Запуск %1.</translation>
    </message>
    <message>
        <source>Stop %1?</source>
        <translation>Остановить %1?</translation>
    </message>
    <message>
        <source>The worker gets SIGTERM, then SIGKILL after %1 s. Tasks it is still running are marked FAILED (worker_stopped).</source>
        <translation>Воркер получит SIGTERM, а через %1 с — SIGKILL. Задачи, которые он ещё выполняет, получат статус «Ошибка» (worker_stopped).</translation>
    </message>
    <message>
        <source>The process gets SIGTERM, then SIGKILL after %1 s.</source>
        <translation>Процесс получит SIGTERM, а через %1 с — SIGKILL.</translation>
    </message>
    <message>
        <source>Stopping %1.</source>
        <translation>Остановка %1.</translation>
    </message>
    <message>
        <source>Restart %1?</source>
        <translation>Перезапустить %1?</translation>
    </message>
    <message>
        <source>The worker stops and starts again. Tasks it is still running are marked FAILED (worker_stopped).</source>
        <translation>Воркер остановится и запустится снова. Задачи, которые он ещё выполняет, получат статус «Ошибка» (worker_stopped).</translation>
    </message>
    <message>
        <source>The process stops and starts again.</source>
        <translation>Процесс остановится и запустится снова.</translation>
    </message>
    <message>
        <source>Restarting %1.</source>
        <translation>Перезапуск %1.</translation>
    </message>
    <message numerus="yes">
        <source>Starting %n process(es).</source>
        <translation>
            <numerusform>Запуск %n процесса.</numerusform>
            <numerusform>Запуск %n процессов.</numerusform>
            <numerusform>Запуск %n процессов.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stop all %n process(es)?</source>
        <translation>
            <numerusform>Остановить %n процесс?</numerusform>
            <numerusform>Остановить все %n процесса?</numerusform>
            <numerusform>Остановить все %n процессов?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each gets SIGTERM, then SIGKILL after its stop grace time.</source>
        <translation>Каждый получит SIGTERM, а по истечении своего времени на остановку — SIGKILL.</translation>
    </message>
    <message numerus="yes">
        <source>Tasks still running on the %n worker(s) that stop are marked FAILED (worker_stopped).</source>
        <translation>
            <numerusform>Задачи, которые ещё выполняет останавливаемый воркер (%n), получат статус «Ошибка» (worker_stopped).</numerusform>
            <numerusform>Задачи, которые ещё выполняют %n останавливаемых воркера, получат статус «Ошибка» (worker_stopped).</numerusform>
            <numerusform>Задачи, которые ещё выполняют %n останавливаемых воркеров, получат статус «Ошибка» (worker_stopped).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopping %n process(es).</source>
        <translation>
            <numerusform>Остановка %n процесса.</numerusform>
            <numerusform>Остановка %n процессов.</numerusform>
            <numerusform>Остановка %n процессов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Added %1; start it when you want it running.</source>
        <translation>Добавлен %1; запустите его, когда он понадобится.</translation>
    </message>
    <message>
        <source>Saved %1; a running process gets the change at its next start.</source>
        <translation>Сохранено: %1; работающий процесс получит изменения при следующем запуске.</translation>
    </message>
    <message>
        <source>Remove the process %1?</source>
        <translation>Удалить процесс %1?</translation>
    </message>
    <message>
        <source>Its definition and output are deleted. A process that is wanted running or still alive must be stopped first.</source>
        <translation>Его описание и вывод будут удалены. Процесс, который должен работать или ещё жив, сначала нужно остановить.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>Удалён %1.</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ProgressDelegate</name>
    <message>
        <source>Cancel this task</source>
        <translation>Отменить эту задачу</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ScheduleDialog</name>
    <message>
        <source>Every</source>
        <translation>Каждые</translation>
    </message>
    <message>
        <source>Cron (UTC)</source>
        <translation>Cron (UTC)</translation>
    </message>
    <message>
        <source>Add Schedule</source>
        <translation>Добавить расписание</translation>
    </message>
    <message>
        <source>nightly-report</source>
        <translation>nightly-report</translation>
    </message>
    <message>
        <source>report</source>
        <translation>report</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>30 2 * * *</source>
        <translation>30 2 * * *</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Task kind</source>
        <translation>Вид задачи</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Arguments (JSON)</source>
        <translation>Аргументы (JSON)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ScheduleTableModel</name>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Вкл.</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Следующий запуск</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Последний запуск</translation>
    </message>
    <message>
        <source>Last task</source>
        <translation>Последняя задача</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SchedulesView</name>
    <message>
        <source>Add…</source>
        <translation>Добавить…</translation>
    </message>
    <message>
        <source>Enable / Disable</source>
        <translation>Включить / выключить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Added the schedule %1.</source>
        <translation>Добавлено расписание %1.</translation>
    </message>
    <message>
        <source>Enabled %1.</source>
        <translation>Включено: %1.</translation>
    </message>
    <message>
        <source>Disabled %1.</source>
        <translation>Выключено: %1.</translation>
    </message>
    <message>
        <source>Remove Schedule</source>
        <translation>Удалить расписание</translation>
    </message>
    <message>
        <source>Remove the schedule %1?</source>
        <translation>Удалить расписание %1?</translation>
    </message>
    <message>
        <source>No more tasks are enqueued for it; the tasks it made stay.</source>
        <translation>Новые задачи по нему больше не ставятся в очередь; уже созданные им задачи остаются.</translation>
    </message>
    <message>
        <source>Removed the schedule %1.</source>
        <translation>Расписание %1 удалено.</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SettingsDialog</name>
    <message>
        <source>Run the sweeper in this app</source>
        <translation>Запускать чистильщик здесь</translation>
    </message>
    <message>
        <source>Run the scheduler in this app</source>
        <translation>Запускать планировщик здесь</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> мс</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Applies at the next start.</source>
        <translation>Применяется при следующем запуске.</translation>
    </message>
    <message>
        <source>This desktop</source>
        <translation>Этот компьютер</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>Текущая база данных</translation>
    </message>
    <message>
        <source>Database at the next start</source>
        <translation>База со следующего запуска</translation>
    </message>
    <message>
        <source>A file path, sqlite:///path or postgresql://user@host/db; empty: TASKDESK_DB, else the default file. --db comes first.</source>
        <translation>Путь к файлу, sqlite:///путь или postgresql://user@host/db; пусто: TASKDESK_DB, иначе файл по умолчанию. --db важнее.</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Имя оператора</translation>
    </message>
    <message>
        <source>Refresh every</source>
        <translation>Обновлять каждые</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Report them only</source>
        <translation>Только сообщать</translation>
    </message>
    <message>
        <source>Mark them failed</source>
        <translation>Помечать как ошибку</translation>
    </message>
    <message>
        <source>never re-queue</source>
        <translation>не возвращать в очередь</translation>
    </message>
    <message>
        <source>Sweeper rules (shared by every host)</source>
        <translation>Правила чистильщика (общие для всех хостов)</translation>
    </message>
    <message>
        <source>Sweep every</source>
        <translation>Проверять каждые</translation>
    </message>
    <message>
        <source>Running task is stuck after no heartbeat for</source>
        <translation>Зависла без пульса через</translation>
    </message>
    <message>
        <source>Pending task is stuck after waiting</source>
        <translation>Зависла в очереди через</translation>
    </message>
    <message>
        <source>Tasks stuck in the queue</source>
        <translation>Задачи, зависшие в очереди</translation>
    </message>
    <message>
        <source>Fail a task lost this many times in a row</source>
        <translation>Ошибка после стольких потерь подряд</translation>
    </message>
    <message>
        <source>Re-queue a lost task to run after</source>
        <translation>Потерянную — в очередь через</translation>
    </message>
    <message>
        <source>Doubled at each attempt, at most</source>
        <translation>Вдвое с каждой попыткой, до</translation>
    </message>
    <message>
        <source>The rules could not be read: %1</source>
        <translation>Не удалось прочитать правила: %1</translation>
    </message>
    <message>
        <source>Changes apply to every sweeper at its next pass, and are audited.</source>
        <translation>Изменения применяются к каждому чистильщику при его следующем проходе и записываются в журнал аудита.</translation>
    </message>
    <message>
        <source>Read-only: the rules are shown, not changed.</source>
        <translation>Только чтение: правила показаны, но не меняются.</translation>
    </message>
    <message>
        <source>Taskdesk Database</source>
        <translation>База данных Taskdesk</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>Базы данных SQLite (*.db *.sqlite);;Все файлы (*)</translation>
    </message>
    <message>
        <source>The sweeper rules were not saved: %1</source>
        <translation>Правила чистильщика не сохранены: %1</translation>
    </message>
    <message>
        <source>the sweeper rules</source>
        <translation>правила чистильщика</translation>
    </message>
    <message>
        <source>your preferences</source>
        <translation>ваши настройки</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Сохранены %1.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> и </translation>
    </message>
    <message>
        <source>The new database is used from the next start.</source>
        <translation>Новая база данных будет использоваться со следующего запуска.</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>Новый язык будет использоваться со следующего запуска.</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SourceDetailPane</name>
    <message>
        <source>Item</source>
        <translation>Элемент</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>No log</source>
        <translation>Журнала нет</translation>
    </message>
    <message>
        <source>No row selected</source>
        <translation>Строка не выбрана</translation>
    </message>
    <message>
        <source>Select a row to see its fields, its items and its log.</source>
        <translation>Выберите строку, чтобы увидеть её поля, элементы и журнал.</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>Строка %1</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Строка %1: %2</translation>
    </message>
    <message>
        <source>Stored status: %1</source>
        <translation>Статус в таблице: %1</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>Вид: %1</translation>
    </message>
    <message>
        <source>Queue: %1</source>
        <translation>Очередь: %1</translation>
    </message>
    <message>
        <source>Progress: %1 of %2</source>
        <translation>Прогресс: %1 из %2</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Создана: %1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Начало: %1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>Окончание: %1</translation>
    </message>
    <message>
        <source>Changed: %1</source>
        <translation>Изменена: %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SourceStuckPanel</name>
    <message>
        <source>Mark them failed</source>
        <translation>Помечать как ошибку</translation>
    </message>
    <message>
        <source>Retry: running ones pending again</source>
        <translation>Повтор: выполняемые снова в очередь</translation>
    </message>
    <message>
        <source>Clean Up…</source>
        <translation>Очистить…</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Последнее изменение</translation>
    </message>
    <message>
        <source>The source %1 could not be read: %2</source>
        <translation>Не удалось прочитать источник %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n running with no change for over %1 min</source>
        <translation>
            <numerusform>%n выполняется без изменений дольше %1 мин</numerusform>
            <numerusform>%n выполняются без изменений дольше %1 мин</numerusform>
            <numerusform>%n выполняются без изменений дольше %1 мин</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending for over %1 min</source>
        <translation>
            <numerusform>%n ожидает дольше %1 мин</numerusform>
            <numerusform>%n ожидают дольше %1 мин</numerusform>
            <numerusform>%n ожидают дольше %1 мин</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>(the oldest %1 shown)</source>
        <translation>(показаны %1 самых старых)</translation>
    </message>
    <message>
        <source>The source %1 is attached read-only.</source>
        <translation>Источник %1 подключён только для чтения.</translation>
    </message>
    <message>
        <source>The clean-up of %1 did not happen: %2</source>
        <translation>Очистка источника %1 не выполнена: %2</translation>
    </message>
    <message>
        <source>Retry makes running rows pending again, and none of %1 is stuck. Nothing was changed.</source>
        <translation>Повтор возвращает в очередь выполняемые строки, а в %1 ни одна из них не зависла. Ничего не изменено.</translation>
    </message>
    <message>
        <source>Nothing is stuck in %1 any more. Nothing was changed.</source>
        <translation>В %1 больше ничего не зависло. Ничего не изменено.</translation>
    </message>
    <message>
        <source>Clean Up Stuck Rows</source>
        <translation>Очистка зависших строк</translation>
    </message>
    <message numerus="yes">
        <source>Clean up %n stuck row(s) of %1?</source>
        <translation>
            <numerusform>Очистить %n зависшую строку источника %1?</numerusform>
            <numerusform>Очистить %n зависшие строки источника %1?</numerusform>
            <numerusform>Очистить %n зависших строк источника %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each row gets %1 in its column %2, and its running items are stopped; the program that runs it may still be working on it.</source>
        <translation>Каждая строка получит %1 в столбце %2, а её элементы в работе будут остановлены; программа, которая её выполняет, может ещё работать над ней.</translation>
    </message>
    <message>
        <source>Each running row is marked %1, then gets %2 in its column %3, for its program to run it again; pending rows are left as they are.</source>
        <translation>Каждая выполняемая строка помечается %1, затем получает %2 в столбце %3, чтобы её программа выполнила её снова; ожидающие строки остаются как есть.</translation>
    </message>
    <message>
        <source>Row %1 (%2)</source>
        <translation>Строка %1 (%2)</translation>
    </message>
    <message>
        <source>Row %1 “%2” (%3)</source>
        <translation>Строка %1 «%2» (%3)</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more: rows %1.</source>
        <translation>
            <numerusform>…и ещё %n: строка %1.</numerusform>
            <numerusform>…и ещё %n: строки %1.</numerusform>
            <numerusform>…и ещё %n: строки %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>A row that changed since it was read, or became stuck after this question, is left as it is.</source>
        <translation>Строка, изменившаяся после чтения или зависшая после этого вопроса, остаётся как есть.</translation>
    </message>
    <message numerus="yes">
        <source>Clean Up %n Row(s)</source>
        <translation>
            <numerusform>Очистить %n строку</numerusform>
            <numerusform>Очистить %n строки</numerusform>
            <numerusform>Очистить %n строк</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep As Is</source>
        <translation>Оставить как есть</translation>
    </message>
    <message numerus="yes">
        <source>Clean-up of %1: %n row(s) changed.</source>
        <translation>
            <numerusform>Очистка %1: изменена %n строка.</numerusform>
            <numerusform>Очистка %1: изменены %n строки.</numerusform>
            <numerusform>Очистка %1: изменено %n строк.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) refused.</source>
        <translation>
            <numerusform>%n строка отклонена.</numerusform>
            <numerusform>%n строки отклонены.</numerusform>
            <numerusform>%n строк отклонено.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them no longer stuck.</source>
        <translation>
            <numerusform>%n из них больше не зависла.</numerusform>
            <numerusform>%n из них больше не зависли.</numerusform>
            <numerusform>%n из них больше не зависли.</numerusform>
        </translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Причина: %1</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SourceTableModel</name>
    <message>
        <source>%1 (stored as %2)</source>
        <translation>%1 (в таблице: %2)</translation>
    </message>
    <message>
        <source>%1: a value the mapping does not map; shown as stored, and no action changes it</source>
        <translation>%1: значение, которого нет в сопоставлении; показано как есть, и ни одно действие его не меняет</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Прогресс</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создана</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Изменена</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SourceView</name>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
    <message>
        <source>Force Stop</source>
        <translation>Принудительно остановить</translation>
    </message>
    <message>
        <source>Mark the selected running rows failed (%1)</source>
        <translation>Перевести выбранные строки в работе в «Ошибка» (%1)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Mark the selected pending or running rows failed (%1)</source>
        <translation>Перевести выбранные строки в очереди или в работе в «Ошибка» (%1)</translation>
    </message>
    <message>
        <source>Make the selected failed rows pending again (%1)</source>
        <translation>Вернуть выбранные строки с ошибкой в очередь (%1)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Delete the selected rows that are not running (%1)</source>
        <translation>Удалить выбранные строки, которые не в работе (%1)</translation>
    </message>
    <message>
        <source>Read the rows again (F5)</source>
        <translation>Перечитать строки (F5)</translation>
    </message>
    <message>
        <source>Search title, kind, queue, error or key</source>
        <translation>Поиск по заголовку, виду, очереди, ошибке или ключу</translation>
    </message>
    <message>
        <source>Connecting to the source %1…</source>
        <translation>Подключение к источнику %1…</translation>
    </message>
    <message>
        <source>The source %1 could not be opened: %2</source>
        <translation>Не удалось открыть источник %1: %2</translation>
    </message>
    <message>
        <source>Nothing was changed. Retry connects again.</source>
        <translation>Ничего не изменено. «Повторить» подключается заново.</translation>
    </message>
    <message>
        <source>The source %1 could not be read: %2</source>
        <translation>Не удалось прочитать источник %1: %2</translation>
    </message>
    <message>
        <source>No rows match.</source>
        <translation>Подходящих строк нет.</translation>
    </message>
    <message>
        <source>Rows %1–%2 of %3</source>
        <translation>Строки %1–%2 из %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>В очереди</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>Зависшие</translation>
    </message>
    <message>
        <source>Not mapped</source>
        <translation>Не сопоставлены</translation>
    </message>
    <message>
        <source>Rows whose status value the mapping does not map; they are shown as stored and no action changes them.
%1</source>
        <translation>Строки, значение статуса которых не сопоставлено; они показаны как есть, и ни одно действие их не меняет.
%1</translation>
    </message>
    <message numerus="yes">
        <source>Force stop %n row(s) of %1?</source>
        <translation>
            <numerusform>Принудительно остановить %n строку источника %1?</numerusform>
            <numerusform>Принудительно остановить %n строки источника %1?</numerusform>
            <numerusform>Принудительно остановить %n строк источника %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each row gets %1 in its column %2, and its running items are stopped.</source>
        <translation>Каждая строка получит %1 в столбце %2, а её элементы в работе будут остановлены.</translation>
    </message>
    <message numerus="yes">
        <source>Force Stop %n Row(s)</source>
        <translation>
            <numerusform>Остановить %n строку</numerusform>
            <numerusform>Остановить %n строки</numerusform>
            <numerusform>Остановить %n строк</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n row(s) of %1?</source>
        <translation>
            <numerusform>Отменить %n строку источника %1?</numerusform>
            <numerusform>Отменить %n строки источника %1?</numerusform>
            <numerusform>Отменить %n строк источника %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n Row(s)</source>
        <translation>
            <numerusform>Отменить %n строку</numerusform>
            <numerusform>Отменить %n строки</numerusform>
            <numerusform>Отменить %n строк</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retry %n row(s) of %1?</source>
        <translation>
            <numerusform>Повторить %n строку источника %1?</numerusform>
            <numerusform>Повторить %n строки источника %1?</numerusform>
            <numerusform>Повторить %n строк источника %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each row gets %1 in its column %2, for its program to run it again.</source>
        <translation>Каждая строка получит %1 в столбце %2, чтобы её программа выполнила её снова.</translation>
    </message>
    <message numerus="yes">
        <source>Retry %n Row(s)</source>
        <translation>
            <numerusform>Повторить %n строку</numerusform>
            <numerusform>Повторить %n строки</numerusform>
            <numerusform>Повторить %n строк</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n row(s) of %1?</source>
        <translation>
            <numerusform>Удалить %n строку источника %1?</numerusform>
            <numerusform>Удалить %n строки источника %1?</numerusform>
            <numerusform>Удалить %n строк источника %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each row is deleted from the table %1 for good; the audit log keeps a record of it.</source>
        <translation>Каждая строка будет удалена из таблицы %1 навсегда; журнал аудита сохранит запись о ней.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n Row(s)</source>
        <translation>
            <numerusform>Удалить %n строку</numerusform>
            <numerusform>Удалить %n строки</numerusform>
            <numerusform>Удалить %n строк</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1 (%2)</source>
        <translation>Строка %1 (%2)</translation>
    </message>
    <message>
        <source>Row %1 “%2” (%3)</source>
        <translation>Строка %1 «%2» (%3)</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…и ещё %n.</numerusform>
            <numerusform>…и ещё %n.</numerusform>
            <numerusform>…и ещё %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>A row that changed since you looked is left as it is.</source>
        <translation>Строка, изменившаяся с тех пор, как вы её видели, останется как есть.</translation>
    </message>
    <message numerus="yes">
        <source>Left out: %n selected row(s) whose status does not allow this.</source>
        <translation>
            <numerusform>Пропущена %n выбранная строка: её статус этого не допускает.</numerusform>
            <numerusform>Пропущены %n выбранные строки: их статус этого не допускает.</numerusform>
            <numerusform>Пропущено %n выбранных строк: их статус этого не допускает.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep As Is</source>
        <translation>Оставить как есть</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) force stopped.</source>
        <translation>
            <numerusform>%n строка принудительно остановлена.</numerusform>
            <numerusform>%n строки принудительно остановлены.</numerusform>
            <numerusform>%n строк принудительно остановлено.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) cancelled and marked failed.</source>
        <translation>
            <numerusform>%n строка отменена и помечена как ошибка.</numerusform>
            <numerusform>%n строки отменены и помечены как ошибка.</numerusform>
            <numerusform>%n строк отменено и помечено как ошибка.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) pending again.</source>
        <translation>
            <numerusform>%n строка снова в очереди.</numerusform>
            <numerusform>%n строки снова в очереди.</numerusform>
            <numerusform>%n строк снова в очереди.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) deleted.</source>
        <translation>
            <numerusform>%n строка удалена.</numerusform>
            <numerusform>%n строки удалены.</numerusform>
            <numerusform>%n строк удалено.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) changed with them.</source>
        <translation>
            <numerusform>Вместе с ними изменён %n элемент.</numerusform>
            <numerusform>Вместе с ними изменены %n элемента.</numerusform>
            <numerusform>Вместе с ними изменено %n элементов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1 is gone (deleted by someone else); nothing was changed.</source>
        <translation>Строки %1 больше нет (её удалил кто-то другой); ничего не изменено.</translation>
    </message>
    <message>
        <source>Row %1 is %2 now (it was %3 when you looked); nothing was changed.</source>
        <translation>Строка %1 теперь %2 (когда вы смотрели, была %3); ничего не изменено.</translation>
    </message>
    <message>
        <source>Row %1 is %2, which this action is not taken from; nothing was changed.</source>
        <translation>Строка %1 в статусе %2, из которого это действие не выполняется; ничего не изменено.</translation>
    </message>
    <message>
        <source>Row %1 changed since you looked; nothing was changed.</source>
        <translation>Строка %1 изменилась с тех пор, как вы её видели; ничего не изменено.</translation>
    </message>
    <message>
        <source>Row %1 was refused: %2</source>
        <translation>Строка %1 отклонена: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n more row(s) refused.</source>
        <translation>
            <numerusform>Отклонена ещё %n строка.</numerusform>
            <numerusform>Отклонены ещё %n строки.</numerusform>
            <numerusform>Отклонено ещё %n строк.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) failed: %1</source>
        <translation>
            <numerusform>Не удалось для %n строки: %1</numerusform>
            <numerusform>Не удалось для %n строк: %1</numerusform>
            <numerusform>Не удалось для %n строк: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>· table %1 in %2 · read-only</source>
        <translation>· таблица %1 в %2 · только чтение</translation>
    </message>
    <message>
        <source>· table %1 in %2</source>
        <translation>· таблица %1 в %2</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SourceWizard</name>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>Attach a Table</source>
        <translation>Подключить таблицу</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <source>The database of the program whose job table Taskdesk should show.</source>
        <translation>База данных программы, таблицу заданий которой должен показывать Taskdesk.</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>Файл SQLite</translation>
    </message>
    <message>
        <source>PostgreSQL URL</source>
        <translation>URL PostgreSQL</translation>
    </message>
    <message>
        <source>MySQL URL</source>
        <translation>URL MySQL</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>SQLite File</source>
        <translation>Файл SQLite</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Базы SQLite (*.sqlite3 *.sqlite *.db);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Read-only: show the rows, change nothing</source>
        <translation>Только чтение: показывать строки, ничего не менять</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Расположение:</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Таблица</translation>
    </message>
    <message>
        <source>The table that holds one row per job.</source>
        <translation>Таблица, в которой одна строка — одно задание.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Просмотр</translation>
    </message>
    <message>
        <source>The columns as the database names them, the status values present with their rows, and the first rows.</source>
        <translation>Столбцы так, как их называет база, имеющиеся значения статуса с числом строк и первые строки.</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>Сопоставление</translation>
    </message>
    <message>
        <source>Which column means what. Suggested from the table; every part can be changed.</source>
        <translation>Какой столбец что означает. Предложено по таблице; всё можно изменить.</translation>
    </message>
    <message>
        <source>One or more columns, separated by commas</source>
        <translation>Один или несколько столбцов через запятую</translation>
    </message>
    <message>
        <source>A boolean column (true: running, false: completed)</source>
        <translation>Логический столбец (true — в работе, false — готово)</translation>
    </message>
    <message>
        <source>Allow Delete on its rows</source>
        <translation>Разрешить удаление его строк</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Sweep its stuck rows periodically</source>
        <translation>Периодически разбирать его зависшие строки</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Ключ:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Заголовок:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation>Очередь:</translation>
    </message>
    <message>
        <source>Status column:</source>
        <translation>Столбец статуса:</translation>
    </message>
    <message>
        <source>Status values:</source>
        <translation>Значения статуса:</translation>
    </message>
    <message>
        <source>Failed value (written by Force Stop, Cancel):</source>
        <translation>Значение ошибки (пишут остановка и отмена):</translation>
    </message>
    <message>
        <source>Pending value (written by Retry):</source>
        <translation>Значение очереди (пишет повтор):</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Создана:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Начало:</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>Окончание:</translation>
    </message>
    <message>
        <source>Changed:</source>
        <translation>Изменена:</translation>
    </message>
    <message>
        <source>not a time</source>
        <translation>не время</translation>
    </message>
    <message>
        <source>timestamp with time zone</source>
        <translation>метка времени с часовым поясом</translation>
    </message>
    <message>
        <source>timestamp (UTC)</source>
        <translation>метка времени (UTC)</translation>
    </message>
    <message>
        <source>ISO text</source>
        <translation>текст ISO</translation>
    </message>
    <message>
        <source>epoch seconds</source>
        <translation>секунды с 1970 года</translation>
    </message>
    <message>
        <source>epoch milliseconds</source>
        <translation>миллисекунды с 1970 года</translation>
    </message>
    <message>
        <source>Log:</source>
        <translation>Журнал:</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Ошибка:</translation>
    </message>
    <message>
        <source>Fence (changes with every write):</source>
        <translation>Защитный столбец (меняется при каждой записи):</translation>
    </message>
    <message>
        <source>Stuck when pending for:</source>
        <translation>Зависла, если в очереди дольше:</translation>
    </message>
    <message>
        <source>Stuck when running unchanged for:</source>
        <translation>Зависла, если в работе без изменений дольше:</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>The mapping against the table, each action as a dry run on one row (rolled back), and the indexes a sort or filter needs.</source>
        <translation>Сопоставление против таблицы, каждое действие пробным запуском на одной строке (с откатом) и индексы, нужные сортировке или фильтру.</translation>
    </message>
    <message>
        <source>The name cannot be used: %1</source>
        <translation>Это имя нельзя использовать: %1</translation>
    </message>
    <message>
        <source>Give the database&apos;s file or URL.</source>
        <translation>Укажите файл или URL базы данных.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>No connection: %1</source>
        <translation>Нет подключения: %1</translation>
    </message>
    <message>
        <source>The database holds no tables.</source>
        <translation>В базе данных нет таблиц.</translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation>Выберите таблицу.</translation>
    </message>
    <message>
        <source>Reading the table…</source>
        <translation>Чтение таблицы…</translation>
    </message>
    <message>
        <source>The table %1 cannot be attached: %2</source>
        <translation>Таблицу %1 нельзя подключить: %2</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>Столбцы:</translation>
    </message>
    <message>
        <source>primary key</source>
        <translation>первичный ключ</translation>
    </message>
    <message>
        <source>indexed</source>
        <translation>есть индекс</translation>
    </message>
    <message>
        <source>references %1</source>
        <translation>ссылается на %1</translation>
    </message>
    <message>
        <source>Status values in %1:</source>
        <translation>Значения статуса в %1:</translation>
    </message>
    <message numerus="yes">
        <source>  %1: %n row(s)</source>
        <translation>
            <numerusform>  %1: %n строка</numerusform>
            <numerusform>  %1: %n строки</numerusform>
            <numerusform>  %1: %n строк</numerusform>
        </translation>
    </message>
    <message>
        <source>not mapped</source>
        <translation>не сопоставлено</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n row(s)):</source>
        <translation>
            <numerusform>%1 (%n строка):</numerusform>
            <numerusform>%1 (%n строки):</numerusform>
            <numerusform>%1 (%n строк):</numerusform>
        </translation>
    </message>
    <message>
        <source>Say how the column %1 keeps its time.</source>
        <translation>Укажите, как столбец %1 хранит время.</translation>
    </message>
    <message>
        <source>The mapping cannot be used: %1</source>
        <translation>Это сопоставление нельзя использовать: %1</translation>
    </message>
    <message>
        <source>Testing the mapping…</source>
        <translation>Проверка сопоставления…</translation>
    </message>
    <message>
        <source>%1: read-only, not tried</source>
        <translation>%1: только чтение, не проверялось</translation>
    </message>
    <message>
        <source>%1: no row to try it on</source>
        <translation>%1: нет строки для проверки</translation>
    </message>
    <message>
        <source>%1 on row %2: failed: %3</source>
        <translation>%1 на строке %2: сбой: %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 on row %2: would write %3 (was %4), %n item(s); rolled back</source>
        <translation>
            <numerusform>%1 на строке %2: записал бы %3 (было %4), %n элемент; откачено</numerusform>
            <numerusform>%1 на строке %2: записал бы %3 (было %4), %n элемента; откачено</numerusform>
            <numerusform>%1 на строке %2: записал бы %3 (было %4), %n элементов; откачено</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on row %2: refused: %3</source>
        <translation>%1 на строке %2: отклонено: %3</translation>
    </message>
    <message>
        <source>Every sort and filter is served by an index.</source>
        <translation>Каждую сортировку и фильтр обслуживает индекс.</translation>
    </message>
    <message>
        <source>Index advice: %1</source>
        <translation>Совет по индексу: %1</translation>
    </message>
    <message>
        <source>The mapping does not fit the table: %1</source>
        <translation>Сопоставление не подходит к таблице: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>The source was not saved: %1</source>
        <translation>Источник не сохранён: %1</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::StatsView</name>
    <message numerus="yes">
        <source>Last %n hour(s)</source>
        <translation>
            <numerusform>За последний %n час</numerusform>
            <numerusform>За последние %n часа</numerusform>
            <numerusform>За последние %n часов</numerusform>
        </translation>
    </message>
    <message>
        <source>Throughput and failures</source>
        <translation>Производительность и ошибки</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>Зависшие</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Все задачи</translation>
    </message>
    <message>
        <source>Completed in window</source>
        <translation>Завершено за период</translation>
    </message>
    <message>
        <source>Failed in window</source>
        <translation>С ошибкой за период</translation>
    </message>
    <message>
        <source>Failure rate</source>
        <translation>Доля ошибок</translation>
    </message>
    <message>
        <source>Finished per hour</source>
        <translation>Закончено в час</translation>
    </message>
    <message>
        <source>Average duration</source>
        <translation>Средняя длительность</translation>
    </message>
    <message>
        <source>%1 queued · %2 running</source>
        <translation>в очереди: %1 · выполняются: %2</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::StatusBadgeDelegate</name>
    <message>
        <source>⚠ stuck</source>
        <translation>⚠ зависла</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::StuckTableModel</name>
    <message>
        <source>mark FAILED</source>
        <translation>пометить как ошибку</translation>
    </message>
    <message>
        <source>leave waiting</source>
        <translation>оставить в очереди</translation>
    </message>
    <message>
        <source>re-queue now</source>
        <translation>вернуть в очередь сейчас</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Сколько</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Воркер</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Попытки</translation>
    </message>
    <message>
        <source>Clean-up would</source>
        <translation>Очистка</translation>
    </message>
    <message>
        <source>No heartbeat</source>
        <translation>Нет пульса</translation>
    </message>
    <message>
        <source>Waiting in queue</source>
        <translation>Ждёт в очереди</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::StuckView</name>
    <message>
        <source>Refresh Preview</source>
        <translation>Обновить список</translation>
    </message>
    <message>
        <source>Clean Up Now…</source>
        <translation>Очистить сейчас…</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Mark them failed</source>
        <translation>Помечать как ошибку</translation>
    </message>
    <message>
        <source>Retry: re-queue running ones now</source>
        <translation>Повтор: вернуть в очередь</translation>
    </message>
    <message>
        <source>Waiting in the queue longer than</source>
        <translation>В очереди дольше чем</translation>
    </message>
    <message>
        <source>Running without a heartbeat for</source>
        <translation>Выполняется без пульса дольше</translation>
    </message>
    <message>
        <source>Clean-up action</source>
        <translation>Действие очистки</translation>
    </message>
    <message>
        <source>Selected task:</source>
        <translation>Выбранная задача:</translation>
    </message>
    <message>
        <source>The sweeper&apos;s decisions</source>
        <translation>Решения чистильщика</translation>
    </message>
    <message>
        <source>Nothing is stuck: no task waits in the queue longer than %1 and every running task sent a heartbeat within %2.</source>
        <translation>Зависших нет: ни одна задача не ждёт в очереди дольше %1, и каждая выполняемая задача подала пульс в пределах %2.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln stuck task(s): </source>
        <translation>
            <numerusform>%Ln зависшая задача: </numerusform>
            <numerusform>%Ln зависшие задачи: </numerusform>
            <numerusform>%Ln зависших задач: </numerusform>
        </translation>
    </message>
    <message>
        <source>%1 waiting in the queue longer than %2</source>
        <translation>ждут в очереди дольше %2 — %1</translation>
    </message>
    <message>
        <source>, %1 running without a heartbeat for %2</source>
        <translation>, выполняются без пульса дольше %2 — %1</translation>
    </message>
    <message>
        <source>The list shows the oldest: showing %1 of %2.</source>
        <translation>В списке самые старые: показано %1 из %2.</translation>
    </message>
    <message>
        <source>Reading the stuck tasks…</source>
        <translation>Чтение зависших задач…</translation>
    </message>
    <message>
        <source>The clean-up did not happen: %1</source>
        <translation>Очистка не выполнена: %1</translation>
    </message>
    <message>
        <source>Retry re-queues running tasks only, and none is stuck. Nothing was changed.</source>
        <translation>Повтор возвращает в очередь только выполняемые задачи, а зависших среди них нет. Ничего не изменено.</translation>
    </message>
    <message>
        <source>Nothing is stuck. Nothing was changed.</source>
        <translation>Зависших нет. Ничего не изменено.</translation>
    </message>
    <message>
        <source>Clean Up Stuck Tasks</source>
        <translation>Очистка зависших задач</translation>
    </message>
    <message numerus="yes">
        <source>Clean up %Ln stuck task(s)?</source>
        <translation>
            <numerusform>Очистить %Ln зависшую задачу?</numerusform>
            <numerusform>Очистить %Ln зависшие задачи?</numerusform>
            <numerusform>Очистить %Ln зависших задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 waiting in the queue longer than %2 and %3 running without a heartbeat for %4 will be marked FAILED. Workers that are still running them lose them. Tasks that become stuck from now on are left for the next clean-up.</source>
        <translation>Задачи, ждущие в очереди дольше %2 (%1), и задачи, выполняемые без пульса дольше %4 (%3), получат статус «Ошибка». Воркеры, которые ещё их выполняют, их потеряют. Задачи, которые зависнут после этого, останутся до следующей очистки.</translation>
    </message>
    <message>
        <source>%1 running without a heartbeat for %2 go back to PENDING and run again; the %3 waiting in the queue are left as they are. Tasks that become stuck from now on are left for the next clean-up.</source>
        <translation>Задачи, выполняемые без пульса дольше %2 (%1), вернутся в статус «В очереди» и выполнятся снова; ждущие в очереди (%3) останутся как есть. Задачи, которые зависнут после этого, останутся до следующей очистки.</translation>
    </message>
    <message numerus="yes">
        <source>Clean Up %Ln task(s)</source>
        <translation>
            <numerusform>Очистить %Ln задачу</numerusform>
            <numerusform>Очистить %Ln задачи</numerusform>
            <numerusform>Очистить %Ln задач</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cleaning up %Ln stuck task(s)…</source>
        <translation>
            <numerusform>Очистка %Ln зависшей задачи…</numerusform>
            <numerusform>Очистка %Ln зависших задач…</numerusform>
            <numerusform>Очистка %Ln зависших задач…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was stuck any more: nothing was changed.</source>
        <translation>Зависших уже не осталось: ничего не изменено.</translation>
    </message>
    <message numerus="yes">
        <source>Cleaned up %Ln stuck task(s): </source>
        <translation>
            <numerusform>Очищена %Ln зависшая задача: </numerusform>
            <numerusform>Очищены %Ln зависшие задачи: </numerusform>
            <numerusform>Очищено %Ln зависших задач: </numerusform>
        </translation>
    </message>
    <message>
        <source>%1 marked failed, %2 re-queued.</source>
        <translation>с ошибкой: %1, возвращено в очередь: %2.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the %1 named had changed meanwhile and were left alone.</source>
        <translation>
            <numerusform>%Ln из %1 названных тем временем изменилась и осталась нетронутой.</numerusform>
            <numerusform>%Ln из %1 названных тем временем изменились и остались нетронутыми.</numerusform>
            <numerusform>%Ln из %1 названных тем временем изменились и остались нетронутыми.</numerusform>
        </translation>
    </message>
    <message>
        <source>Attached sources, by their own rules</source>
        <translation>Подключённые источники, по их собственным правилам</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::TaskActions</name>
    <message>
        <source>Force Stop</source>
        <translation>Принудительно остановить</translation>
    </message>
    <message>
        <source>Cancel Task</source>
        <translation>Отменить задачу</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Перезапустить</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>Stop Action</source>
        <translation>Прервать действие</translation>
    </message>
    <message>
        <source>Stop the action in progress after the task in hand; the tasks it has not reached stay as they are</source>
        <translation>Прервать текущее действие после задачи в работе; задачи, до которых оно не дошло, останутся как есть</translation>
    </message>
    <message>
        <source>Mark the selected running tasks FAILED and stop their running items (%1)</source>
        <translation>Присвоить выбранным выполняемым задачам статус «Ошибка» и остановить их выполняемые элементы (%1)</translation>
    </message>
    <message>
        <source>Cancel the selected pending or running tasks (%1)</source>
        <translation>Отменить выбранные задачи в очереди или в работе (%1)</translation>
    </message>
    <message>
        <source>Run the selected completed or failed tasks again (%1)</source>
        <translation>Снова выполнить выбранные завершённые или ошибочные задачи (%1)</translation>
    </message>
    <message>
        <source>Delete the selected tasks that are not running (%1)</source>
        <translation>Удалить выбранные задачи, которые не выполняются (%1)</translation>
    </message>
    <message>
        <source>Read everything again (F5)</source>
        <translation>Перечитать всё (F5)</translation>
    </message>
    <message>
        <source>Search the tasks (%1)</source>
        <translation>Поиск задач (%1)</translation>
    </message>
    <message>
        <source>Stopping after the task in hand…</source>
        <translation>Остановка после задачи в работе…</translation>
    </message>
    <message>
        <source>Force stop this task?</source>
        <translation>Принудительно остановить эту задачу?</translation>
    </message>
    <message numerus="yes">
        <source>Force stop %Ln tasks?</source>
        <translation>
            <numerusform>Принудительно остановить %Ln задачу?</numerusform>
            <numerusform>Принудительно остановить %Ln задачи?</numerusform>
            <numerusform>Принудительно остановить %Ln задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>This will mark the task as FAILED and stop all running items. Use this if the task is stuck or not actually running.</source>
        <translation>Задача получит статус «Ошибка», все её выполняемые элементы будут остановлены. Используйте, если задача зависла или на самом деле не выполняется.</translation>
    </message>
    <message numerus="yes">
        <source>This will mark the %Ln tasks as FAILED and stop all their running items. Use this if the tasks are stuck or not actually running.</source>
        <translation>
            <numerusform>%Ln задача получит статус «Ошибка», все их выполняемые элементы будут остановлены. Используйте, если задачи зависли или на самом деле не выполняются.</numerusform>
            <numerusform>%Ln задачи получат статус «Ошибка», все их выполняемые элементы будут остановлены. Используйте, если задачи зависли или на самом деле не выполняются.</numerusform>
            <numerusform>%Ln задач получат статус «Ошибка», все их выполняемые элементы будут остановлены. Используйте, если задачи зависли или на самом деле не выполняются.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Force Stop %Ln tasks</source>
        <translation>
            <numerusform>Остановить %Ln задачу</numerusform>
            <numerusform>Остановить %Ln задачи</numerusform>
            <numerusform>Остановить %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep Running</source>
        <translation>Не останавливать</translation>
    </message>
    <message>
        <source>Cancel this task?</source>
        <translation>Отменить эту задачу?</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %Ln tasks?</source>
        <translation>
            <numerusform>Отменить %Ln задачу?</numerusform>
            <numerusform>Отменить %Ln задачи?</numerusform>
            <numerusform>Отменить %Ln задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>The task will be marked as FAILED (cancelled) and its running items stopped; a worker running it is told to stop.</source>
        <translation>Задача получит статус «Ошибка» (отменена), её выполняемые элементы будут остановлены; воркер, который её выполняет, получит команду остановиться.</translation>
    </message>
    <message numerus="yes">
        <source>The %Ln tasks will be marked as FAILED (cancelled) and their running items stopped; workers running them are told to stop.</source>
        <translation>
            <numerusform>%Ln задача получит статус «Ошибка» (отменена), их выполняемые элементы будут остановлены; воркеры, которые их выполняют, получат команду остановиться.</numerusform>
            <numerusform>%Ln задачи получат статус «Ошибка» (отменены), их выполняемые элементы будут остановлены; воркеры, которые их выполняют, получат команду остановиться.</numerusform>
            <numerusform>%Ln задач получат статус «Ошибка» (отменены), их выполняемые элементы будут остановлены; воркеры, которые их выполняют, получат команду остановиться.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %Ln tasks</source>
        <translation>
            <numerusform>Отменить %Ln задачу</numerusform>
            <numerusform>Отменить %Ln задачи</numerusform>
            <numerusform>Отменить %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep Task</source>
        <translation>Не отменять</translation>
    </message>
    <message>
        <source>Restart this task?</source>
        <translation>Перезапустить эту задачу?</translation>
    </message>
    <message numerus="yes">
        <source>Restart %Ln tasks?</source>
        <translation>
            <numerusform>Перезапустить %Ln задачу?</numerusform>
            <numerusform>Перезапустить %Ln задачи?</numerusform>
            <numerusform>Перезапустить %Ln задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>The task goes back to PENDING with a fresh attempt budget, and all its items will run again.</source>
        <translation>Задача вернётся в статус «В очереди» с новым запасом попыток, и все её элементы выполнятся снова.</translation>
    </message>
    <message numerus="yes">
        <source>The %Ln tasks go back to PENDING with a fresh attempt budget, and all their items will run again.</source>
        <translation>
            <numerusform>%Ln задача вернётся в статус «В очереди» с новым запасом попыток, и все их элементы выполнятся снова.</numerusform>
            <numerusform>%Ln задачи вернутся в статус «В очереди» с новым запасом попыток, и все их элементы выполнятся снова.</numerusform>
            <numerusform>%Ln задач вернутся в статус «В очереди» с новым запасом попыток, и все их элементы выполнятся снова.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restart %Ln tasks</source>
        <translation>
            <numerusform>Перезапустить %Ln задачу</numerusform>
            <numerusform>Перезапустить %Ln задачи</numerusform>
            <numerusform>Перезапустить %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave As Is</source>
        <translation>Оставить как есть</translation>
    </message>
    <message>
        <source>Delete this task?</source>
        <translation>Удалить эту задачу?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln tasks?</source>
        <translation>
            <numerusform>Удалить %Ln задачу?</numerusform>
            <numerusform>Удалить %Ln задачи?</numerusform>
            <numerusform>Удалить %Ln задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>The task, its items and its log lines are removed for good. The audit log keeps a record of it.</source>
        <translation>Задача, её элементы и строки журнала будут удалены безвозвратно. В журнале аудита останется запись о ней.</translation>
    </message>
    <message numerus="yes">
        <source>The %Ln tasks, their items and their log lines are removed for good. The audit log keeps a record of them.</source>
        <translation>
            <numerusform>%Ln задача, их элементы и строки журнала будут удалены безвозвратно. В журнале аудита останется запись о них.</numerusform>
            <numerusform>%Ln задачи, их элементы и строки журнала будут удалены безвозвратно. В журнале аудита останется запись о них.</numerusform>
            <numerusform>%Ln задач, их элементы и строки журнала будут удалены безвозвратно. В журнале аудита останется запись о них.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln tasks</source>
        <translation>
            <numerusform>Удалить %Ln задачу</numerusform>
            <numerusform>Удалить %Ln задачи</numerusform>
            <numerusform>Удалить %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <source>Task: &quot;%1&quot; (#%2)</source>
        <translation>Задача: «%1» (№%2)</translation>
    </message>
    <message numerus="yes">
        <source>Force stop the first %Ln of the %1 selected tasks?</source>
        <translation>
            <numerusform>Принудительно остановить первые %Ln из %1 выбранных задач?</numerusform>
            <numerusform>Принудительно остановить первые %Ln из %1 выбранных задач?</numerusform>
            <numerusform>Принудительно остановить первые %Ln из %1 выбранных задач?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel the first %Ln of the %1 selected tasks?</source>
        <translation>
            <numerusform>Отменить первые %Ln из %1 выбранных задач?</numerusform>
            <numerusform>Отменить первые %Ln из %1 выбранных задач?</numerusform>
            <numerusform>Отменить первые %Ln из %1 выбранных задач?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restart the first %Ln of the %1 selected tasks?</source>
        <translation>
            <numerusform>Перезапустить первые %Ln из %1 выбранных задач?</numerusform>
            <numerusform>Перезапустить первые %Ln из %1 выбранных задач?</numerusform>
            <numerusform>Перезапустить первые %Ln из %1 выбранных задач?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the first %Ln of the %1 selected tasks?</source>
        <translation>
            <numerusform>Удалить первые %Ln из %1 выбранных задач?</numerusform>
            <numerusform>Удалить первые %Ln из %1 выбранных задач?</numerusform>
            <numerusform>Удалить первые %Ln из %1 выбранных задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>An action takes at most %1 tasks at a time: these are the first in the table&apos;s order, #%2 to #%3.</source>
        <translation>Действие за раз берёт не больше %1 задач: это первые по порядку таблицы, с №%2 по №%3.</translation>
    </message>
    <message numerus="yes">
        <source>The other %Ln selected tasks stay as they are.</source>
        <translation>
            <numerusform>Ещё %Ln выбранная задача останется как есть.</numerusform>
            <numerusform>Остальные %Ln выбранные задачи останутся как есть.</numerusform>
            <numerusform>Остальные %Ln выбранных задач останутся как есть.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln other selected task(s) cannot take this action and stay as they are.</source>
        <translation>
            <numerusform>Ещё %Ln выбранная задача не подходит для этого действия и останется как есть.</numerusform>
            <numerusform>К ещё %Ln выбранным задачам это действие неприменимо, они останутся как есть.</numerusform>
            <numerusform>К ещё %Ln выбранным задачам это действие неприменимо, они останутся как есть.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Force stopping %Ln tasks…</source>
        <translation>
            <numerusform>Принудительная остановка %Ln задачи…</numerusform>
            <numerusform>Принудительная остановка %Ln задач…</numerusform>
            <numerusform>Принудительная остановка %Ln задач…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelling %Ln tasks…</source>
        <translation>
            <numerusform>Отмена %Ln задачи…</numerusform>
            <numerusform>Отмена %Ln задач…</numerusform>
            <numerusform>Отмена %Ln задач…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restarting %Ln tasks…</source>
        <translation>
            <numerusform>Перезапуск %Ln задачи…</numerusform>
            <numerusform>Перезапуск %Ln задач…</numerusform>
            <numerusform>Перезапуск %Ln задач…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %Ln tasks…</source>
        <translation>
            <numerusform>Удаление %Ln задачи…</numerusform>
            <numerusform>Удаление %Ln задач…</numerusform>
            <numerusform>Удаление %Ln задач…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Task &quot;%1&quot; has been force stopped. %Ln running item(s) were also stopped.</source>
        <translation>
            <numerusform>Задача «%1» принудительно остановлена. Также остановлен %Ln выполнявшийся элемент.</numerusform>
            <numerusform>Задача «%1» принудительно остановлена. Также остановлены %Ln выполнявшихся элемента.</numerusform>
            <numerusform>Задача «%1» принудительно остановлена. Также остановлено %Ln выполнявшихся элементов.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can now delete or restart the task.</source>
        <translation>Теперь задачу можно удалить или перезапустить.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) force stopped.</source>
        <translation>
            <numerusform>%Ln задача принудительно остановлена.</numerusform>
            <numerusform>%Ln задачи принудительно остановлены.</numerusform>
            <numerusform>%Ln задач принудительно остановлено.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) cancelled and marked as failed.</source>
        <translation>
            <numerusform>%Ln задача отменена и получила статус «Ошибка».</numerusform>
            <numerusform>%Ln задачи отменены и получили статус «Ошибка».</numerusform>
            <numerusform>%Ln задач отменено, им присвоен статус «Ошибка».</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) restarted and pending.</source>
        <translation>
            <numerusform>%Ln задача перезапущена и ждёт в очереди.</numerusform>
            <numerusform>%Ln задачи перезапущены и ждут в очереди.</numerusform>
            <numerusform>%Ln задач перезапущено, они ждут в очереди.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) deleted.</source>
        <translation>
            <numerusform>%Ln задача удалена.</numerusform>
            <numerusform>%Ln задачи удалены.</numerusform>
            <numerusform>%Ln задач удалено.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln could not be changed: %1</source>
        <translation>
            <numerusform>Не удалось изменить %Ln задачу: %1</numerusform>
            <numerusform>Не удалось изменить %Ln задачи: %1</numerusform>
            <numerusform>Не удалось изменить %Ln задач: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped: %1 %2</source>
        <translation>Прервано: %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) not reached stay as they were.</source>
        <translation>
            <numerusform>%Ln задача, до которой дело не дошло, осталась как была.</numerusform>
            <numerusform>%Ln задачи, до которых дело не дошло, остались как были.</numerusform>
            <numerusform>%Ln задач, до которых дело не дошло, остались как были.</numerusform>
        </translation>
    </message>
    <message>
        <source>Task %1 is not running (current status: %2)</source>
        <translation>Задача %1 не выполняется (текущий статус: %2)</translation>
    </message>
    <message>
        <source>Task &quot;%1&quot; has been cancelled and marked as failed.</source>
        <translation>Задача «%1» отменена и получила статус «Ошибка».</translation>
    </message>
    <message numerus="yes">
        <source>Task &quot;%1&quot; has been cancelled and marked as failed. %Ln running item(s) were also stopped.</source>
        <translation>
            <numerusform>Задача «%1» отменена и получила статус «Ошибка». Также остановлен %Ln выполнявшийся элемент.</numerusform>
            <numerusform>Задача «%1» отменена и получила статус «Ошибка». Также остановлены %Ln выполнявшихся элемента.</numerusform>
            <numerusform>Задача «%1» отменена и получила статус «Ошибка». Также остановлено %Ln выполнявшихся элементов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Task %1 cannot be cancelled: it is not pending or running (current status: %2)</source>
        <translation>Задачу %1 нельзя отменить: она не в очереди и не в работе (текущий статус: %2)</translation>
    </message>
    <message>
        <source>Task &quot;%1&quot; has been restarted and is pending.</source>
        <translation>Задача «%1» перезапущена и ждёт в очереди.</translation>
    </message>
    <message>
        <source>Task %1 cannot be restarted: only completed or failed tasks can (current status: %2)</source>
        <translation>Задачу %1 нельзя перезапустить: перезапускаются только завершённые или ошибочные задачи (текущий статус: %2)</translation>
    </message>
    <message>
        <source>Task &quot;%1&quot; has been deleted.</source>
        <translation>Задача «%1» удалена.</translation>
    </message>
    <message>
        <source>Task %1 is running and cannot be deleted; force stop or cancel it first (current status: %2)</source>
        <translation>Задача %1 выполняется, удалить её нельзя; сначала остановите её принудительно или отмените (текущий статус: %2)</translation>
    </message>
    <message>
        <source>%1, changing</source>
        <translation>%1, меняется</translation>
    </message>
    <message>
        <source>Task %1 not found</source>
        <translation>Задача %1 не найдена</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::TaskDetailPane</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Попытки</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Воркер</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Пульс</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создана</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Элементы</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>Select a task to see its details.</source>
        <translation>Выберите задачу, чтобы увидеть подробности.</translation>
    </message>
    <message>
        <source>Task #%1 no longer exists: it was deleted.</source>
        <translation>Задачи №%1 больше нет: она удалена.</translation>
    </message>
    <message>
        <source>%1 (priority %2)</source>
        <translation>%1 (приоритет %2)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>ещё нет</translation>
    </message>
    <message>
        <source>Previous attempt: %1</source>
        <translation>Предыдущая попытка: %1</translation>
    </message>
    <message>
        <source>⚠ Stuck: no heartbeat for %1 (the timeout is %2). The worker may be gone; Force Stop marks the task FAILED whether or not it is alive.</source>
        <translation>⚠ Зависла: нет пульса %1 (предел — %2). Воркера, возможно, уже нет; принудительная остановка присвоит задаче статус «Ошибка», жив он или нет.</translation>
    </message>
    <message>
        <source>Items (none)</source>
        <translation>Элементов нет</translation>
    </message>
    <message>
        <source>Items (%1 of %2 done, %3 failed)</source>
        <translation>Элементы: %1 из %2, сбоев %3</translation>
    </message>
    <message>
        <source>Items (%1 of %2 done)</source>
        <translation>Элементы: %1 из %2</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::TaskItemsModel</name>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Элемент</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::TaskTableModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Прогресс</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Воркер</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Time since the last heartbeat of a running task</source>
        <translation>Время с последнего пульса выполняемой задачи</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Пульс</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Попытки</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <source>Last heartbeat: %1</source>
        <translation>Последний пульс: %1</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::TasksView</name>
    <message>
        <source>Clear Filter</source>
        <translation>Сбросить фильтр</translation>
    </message>
    <message>
        <source>Search name, kind, worker, error or ID (%1)</source>
        <translation>Поиск по имени, виду, воркеру, ошибке или ID (%1)</translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>Все очереди</translation>
    </message>
    <message>
        <source>Counting the tasks…</source>
        <translation>Подсчёт задач…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln tasks match</source>
        <translation>
            <numerusform>Подходят %1 из %Ln задачи</numerusform>
            <numerusform>Подходят %1 из %Ln задач</numerusform>
            <numerusform>Подходят %1 из %Ln задач</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tasks</source>
        <translation>
            <numerusform>%Ln задача</numerusform>
            <numerusform>%Ln задачи</numerusform>
            <numerusform>%Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <source>newest first</source>
        <translation>сначала новые</translation>
    </message>
    <message>
        <source>oldest first</source>
        <translation>сначала старые</translation>
    </message>
    <message>
        <source>Z to A</source>
        <translation>от Я до А</translation>
    </message>
    <message>
        <source>A to Z</source>
        <translation>от А до Я</translation>
    </message>
    <message>
        <source>highest first</source>
        <translation>сначала большие</translation>
    </message>
    <message>
        <source>lowest first</source>
        <translation>сначала меньшие</translation>
    </message>
    <message>
        <source>sorted by %1, %2</source>
        <translation>сортировка: %1, %2</translation>
    </message>
    <message>
        <source>No task matches this filter.</source>
        <translation>Под этот фильтр не подходит ни одна задача.</translation>
    </message>
    <message>
        <source>No tasks yet.

A program enqueues tasks into the database, or from a shell:
taskdeskctl enqueue KIND --name NAME</source>
        <translation>Задач пока нет.

Задачи ставит в очередь программа через базу данных или команда в терминале:
taskdeskctl enqueue ВИД --name ИМЯ</translation>
    </message>
    <message>
        <source>%1 selected: actions take the first %2</source>
        <translation>Выбрано: %1; действия берут первые %2</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>Выбрано: %1</translation>
    </message>
    <message>
        <source>Copy Task ID</source>
        <translation>Копировать ID задачи</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ThroughputChart</name>
    <message>
        <source>Tasks finished per minute</source>
        <translation>Задач закончено за минуту</translation>
    </message>
    <message>
        <source>Tasks finished per %1 minutes</source>
        <translation>Задач закончено за %1 мин</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>С ошибкой</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Завершены</translation>
    </message>
    <message>
        <source>No task finished in this period.</source>
        <translation>За этот период ни одна задача не закончилась.</translation>
    </message>
    <message>
        <source>%1: %2 completed, %3 failed</source>
        <translation>%1: завершено %2, с ошибкой %3</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::TrayNotifier</name>
    <message>
        <source>Taskdesk</source>
        <translation>Taskdesk</translation>
    </message>
    <message>
        <source>Show Taskdesk</source>
        <translation>Показать Taskdesk</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>%1 queued, %2 running</source>
        <translation>в очереди: %1, выполняются: %2</translation>
    </message>
    <message numerus="yes">
        <source>Taskdesk: %Ln stuck task(s) (%1)</source>
        <translation>
            <numerusform>Taskdesk: %Ln зависшая задача (%1)</numerusform>
            <numerusform>Taskdesk: %Ln зависшие задачи (%1)</numerusform>
            <numerusform>Taskdesk: %Ln зависших задач (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Stuck tasks</source>
        <translation>Зависшие задачи</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) stuck now (%1). Open the Stuck page to clean up.</source>
        <translation>
            <numerusform>Сейчас зависла %Ln задача (%1). Откройте страницу «Зависшие», чтобы очистить.</numerusform>
            <numerusform>Сейчас зависли %Ln задачи (%1). Откройте страницу «Зависшие», чтобы очистить.</numerusform>
            <numerusform>Сейчас зависло %Ln задач (%1). Откройте страницу «Зависшие», чтобы очистить.</numerusform>
        </translation>
    </message>
</context>
</TS>
