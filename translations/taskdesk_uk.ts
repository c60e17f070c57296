<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA">
<context>
    <name>BadgePainter</name>
    <message>
        <source>Pending</source>
        <translation>У черзі</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>У роботі</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Помилка</translation>
    </message>
</context>
<context>
    <name>DemoSetup</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Не вдалося створити теку %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Не вдалося записати %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не вдалося записати %1: %2</translation>
    </message>
    <message>
        <source>The folder %1 has a line break in its name: a worker configuration cannot name a program in it</source>
        <translation>У назві теки %1 є перенесення рядка: конфігурація воркера не може вказати програму в ній</translation>
    </message>
    <message>
        <source>The demo was loaded before: nothing was added.</source>
        <translation>Демо вже було завантажено: нічого не додано.</translation>
    </message>
    <message numerus="yes">
        <source>Demo loaded: %n task(s)</source>
        <translation>
            <numerusform>Демо завантажено: %n задача</numerusform>
            <numerusform>Демо завантажено: %n задачі</numerusform>
            <numerusform>Демо завантажено: %n задач</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n of them a few hours of history)</source>
        <translation>
            <numerusform>(%n з них — історія за кілька годин)</numerusform>
            <numerusform>(%n з них — історія за кілька годин)</numerusform>
            <numerusform>(%n з них — історія за кілька годин)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process definition(s)</source>
        <translation>
            <numerusform>%n опис процесу</numerusform>
            <numerusform>%n описи процесів</numerusform>
            <numerusform>%n описів процесів</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n schedule(s).</source>
        <translation>
            <numerusform>%n розклад.</numerusform>
            <numerusform>%n розклади.</numerusform>
            <numerusform>%n розкладів.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Task #%1 is stuck (its worker is gone): Force Stop it, or this app&apos;s sweeper re-queues it in %n second(s).</source>
        <translation>
            <numerusform>Задача №%1 застрягла (її воркера більше немає): зупиніть її примусово, або чистильник цієї програми поверне її в чергу за %n секунду.</numerusform>
            <numerusform>Задача №%1 застрягла (її воркера більше немає): зупиніть її примусово, або чистильник цієї програми поверне її в чергу за %n секунди.</numerusform>
            <numerusform>Задача №%1 застрягла (її воркера більше немає): зупиніть її примусово, або чистильник цієї програми поверне її в чергу за %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>Task #%1 is stuck (its worker is gone): Force Stop it on the Stuck page.</source>
        <translation>Задача №%1 застрягла (її воркера більше немає): зупиніть її примусово на сторінці «Застряглі».</translation>
    </message>
    <message>
        <source>Start the worker on the Processes page to see tasks run.</source>
        <translation>Запустіть воркер на сторінці «Процеси», щоб побачити, як виконуються задачі.</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Taskdesk: an operations console for background jobs.</source>
        <translation>Taskdesk: консоль оператора фонових задач.</translation>
    </message>
    <message>
        <source>The database: a SQLite file, sqlite:///path or postgresql://user@host/db.</source>
        <translation>База даних: файл SQLite, sqlite:///шлях або postgresql://user@host/db.</translation>
    </message>
    <message>
        <source>Show everything and change nothing.</source>
        <translation>Показувати все й нічого не змінювати.</translation>
    </message>
    <message>
        <source>Load the demo tasks and processes into the database.</source>
        <translation>Завантажити демонстраційні задачі й процеси в базу даних.</translation>
    </message>
    <message>
        <source>Read and write preferences in this INI file.</source>
        <translation>Читати й записувати налаштування в цьому INI-файлі.</translation>
    </message>
    <message>
        <source>Taskdesk cannot open its database.</source>
        <translation>Taskdesk не може відкрити свою базу даних.</translation>
    </message>
    <message>
        <source>started with --read-only</source>
        <translation>запущено з --read-only</translation>
    </message>
    <message>
        <source>the database refuses changes from this user</source>
        <translation>база даних не приймає змін від цього користувача</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <source>just now</source>
        <translation>щойно</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 с тому</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 хв тому</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 год тому</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>%1 дн. тому</translation>
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
        <translation>%1 хв</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 хв %2 с</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 год</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 год %2 хв</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 дн.</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 дн. %2 год</translation>
    </message>
</context>
<context>
    <name>taskdesk::Error</name>
    <message>
        <source>the search text is longer than %1 characters (%2)</source>
        <translation>текст пошуку довший за %1 символів (%2)</translation>
    </message>
    <message>
        <source>invalid schedule name &apos;%1&apos;: use 1 to 100 letters, digits and _ . : -</source>
        <translation>неприпустима назва розкладу «%1»: використовуйте від 1 до 100 літер, цифр і _ . : -</translation>
    </message>
    <message>
        <source>invalid task kind &apos;%1&apos;: use 1 to 100 letters, digits and _ . : -</source>
        <translation>неприпустимий вид задачі «%1»: використовуйте від 1 до 100 літер, цифр і _ . : -</translation>
    </message>
    <message>
        <source>invalid queue name &apos;%1&apos;: use 1 to 100 letters, digits and _ . : -</source>
        <translation>неприпустима назва черги «%1»: використовуйте від 1 до 100 літер, цифр і _ . : -</translation>
    </message>
    <message>
        <source>priority must be between -1000 and 1000</source>
        <translation>пріоритет має бути від -1000 до 1000</translation>
    </message>
    <message>
        <source>args must be a JSON object or array</source>
        <translation>аргументи мають бути об’єктом або масивом JSON</translation>
    </message>
    <message>
        <source>args are not valid JSON: %1</source>
        <translation>аргументи — неприпустимий JSON: %1</translation>
    </message>
    <message>
        <source>a schedule runs either every N seconds or on a cron expression, not both</source>
        <translation>розклад працює або кожні N секунд, або за виразом cron, але не те й інше разом</translation>
    </message>
    <message>
        <source>a schedule needs an interval (every N seconds) or a cron expression</source>
        <translation>розкладу потрібен інтервал (кожні N секунд) або вираз cron</translation>
    </message>
    <message>
        <source>the interval must be between 1 and %1 seconds (366 days); got %2</source>
        <translation>інтервал має бути від 1 до %1 секунд (366 днів); вказано %2</translation>
    </message>
    <message>
        <source>no schedule named &apos;%1&apos;</source>
        <translation>немає розкладу з назвою «%1»</translation>
    </message>
    <message>
        <source>no schedule with id %1</source>
        <translation>немає розкладу з id %1</translation>
    </message>
    <message>
        <source>a schedule named &apos;%1&apos; already exists</source>
        <translation>розклад із назвою «%1» вже є</translation>
    </message>
    <message>
        <source>permission denied: only an admin (the taskdesk_admin role) may add, edit or remove process definitions; operators start, stop and restart them</source>
        <translation>доступ заборонено: додавати, змінювати й вилучати описи процесів може лише адміністратор (роль taskdesk_admin); оператори їх запускають, зупиняють і перезапускають</translation>
    </message>
    <message>
        <source>permission denied: %1 is read-only</source>
        <translation>доступ заборонено: %1 доступний лише для читання</translation>
    </message>
    <message>
        <source>a process named &apos;%1&apos; already exists</source>
        <translation>процес із назвою «%1» вже є</translation>
    </message>
    <message>
        <source>no process named &apos;%1&apos;</source>
        <translation>немає процесу з назвою «%1»</translation>
    </message>
    <message>
        <source>process &apos;%1&apos; is %2 (desired %3); stop it before removing it</source>
        <translation>процес «%1» у стані %2 (потрібно: %3); зупиніть його, перш ніж вилучати</translation>
    </message>
    <message>
        <source>Task %1 not found</source>
        <translation>Задачу %1 не знайдено</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>хвилина</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>година</translation>
    </message>
    <message>
        <source>day-of-month</source>
        <translation>день місяця</translation>
    </message>
    <message>
        <source>month</source>
        <translation>місяць</translation>
    </message>
    <message>
        <source>a month name (jan-dec)</source>
        <translation>назва місяця (jan–dec)</translation>
    </message>
    <message>
        <source>day-of-week</source>
        <translation>день тижня</translation>
    </message>
    <message>
        <source>a day name (sun-sat)</source>
        <translation>назва дня тижня (sun–sat)</translation>
    </message>
    <message>
        <source>%1 field: %2</source>
        <translation>поле «%1»: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number or %2</source>
        <translation>«%1» — не число і не %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>«%1» — не число</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is out of range %2-%3</source>
        <translation>«%1» поза діапазоном %2–%3</translation>
    </message>
    <message>
        <source>empty element in &apos;%1&apos;</source>
        <translation>порожній елемент у «%1»</translation>
    </message>
    <message>
        <source>step &apos;%1&apos; in &apos;%2&apos; must be a number from 1 to %3</source>
        <translation>крок «%1» у «%2» має бути числом від 1 до %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no value before the step</source>
        <translation>у «%1» немає значення перед кроком</translation>
    </message>
    <message>
        <source>range &apos;%1&apos; is missing an end</source>
        <translation>у діапазону «%1» немає кінця</translation>
    </message>
    <message>
        <source>range &apos;%1&apos; runs backwards</source>
        <translation>діапазон «%1» іде у зворотний бік</translation>
    </message>
    <message>
        <source>invalid cron expression &apos;%1&apos;: %2</source>
        <translation>неправильний вираз cron «%1»: %2</translation>
    </message>
    <message>
        <source>unknown shorthand &apos;%1&apos; (use @yearly, @monthly, @weekly, @daily or @hourly)</source>
        <translation>невідоме скорочення «%1» (використовуйте @yearly, @monthly, @weekly, @daily або @hourly)</translation>
    </message>
    <message>
        <source>expected five fields (minute hour day-of-month month day-of-week), got %1</source>
        <translation>потрібно п’ять полів (minute hour day-of-month month day-of-week), вказано %1</translation>
    </message>
    <message>
        <source>it matches no date at all (is the day of month past the end of every month chosen?)</source>
        <translation>він не збігається з жодною датою (можливо, вибраний день місяця пізніший за кінець кожного з вибраних місяців?)</translation>
    </message>
    <message>
        <source>the process name is empty</source>
        <translation>ім’я процесу не вказано</translation>
    </message>
    <message>
        <source>the process name &apos;%1&apos; may hold only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64, starting with a letter or digit)</source>
        <translation>ім’я процесу «%1» може містити лише літери, цифри, «.», «_» і «-» (не більше 64 символів, починаючи з літери або цифри)</translation>
    </message>
    <message>
        <source>the host &apos;%1&apos; contains spaces</source>
        <translation>в імені хоста «%1» є пробіли</translation>
    </message>
    <message>
        <source>the program is empty</source>
        <translation>програму не вказано</translation>
    </message>
    <message>
        <source>the program &apos;%1&apos; is not an absolute path (for example /usr/bin/%1); it is run without a shell</source>
        <translation>програму «%1» вказано не абсолютним шляхом (наприклад, /usr/bin/%1); вона запускається без оболонки</translation>
    </message>
    <message>
        <source>the working folder &apos;%1&apos; is not an absolute path</source>
        <translation>робочу теку «%1» вказано не абсолютним шляхом</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid environment variable name</source>
        <translation>«%1» — неприпустиме ім’я змінної середовища</translation>
    </message>
    <message>
        <source>the stop grace time must be between %1 and %2 ms (got %3)</source>
        <translation>час на зупинку має бути від %1 до %2 мс (вказано %3)</translation>
    </message>
    <message>
        <source>the base backoff must be between %1 and %2 ms (got %3)</source>
        <translation>початкова пауза перед перезапуском має бути від %1 до %2 мс (вказано %3)</translation>
    </message>
    <message>
        <source>the backoff cap must be between %1 and %2 ms (got %3)</source>
        <translation>найбільша пауза перед перезапуском має бути від %1 до %2 мс (вказано %3)</translation>
    </message>
    <message>
        <source>the healthy uptime must be between %1 and %2 ms (got %3)</source>
        <translation>час роботи без збоїв має бути від %1 до %2 мс (вказано %3)</translation>
    </message>
    <message>
        <source>the startup time must be between %1 and %2 ms (got %3)</source>
        <translation>час запуску має бути від %1 до %2 мс (вказано %3)</translation>
    </message>
    <message>
        <source>the maximum of consecutive failures must be between 1 and 1000 (got %1)</source>
        <translation>найбільша кількість збоїв поспіль має бути від 1 до 1000 (вказано %1)</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; is not in &apos;%3&apos; (renamed?)</source>
        <translation>стовпця %1 «%2» немає в «%3» (перейменовано?)</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; (%3) keeps no time Taskdesk can read (timestamptz, timestamp, ISO text, epoch seconds or milliseconds)</source>
        <translation>у стовпці %1 «%2» (%3) немає часу, який Taskdesk уміє читати (timestamptz, timestamp, текст ISO, секунди або мілісекунди epoch)</translation>
    </message>
    <message>
        <source>no type</source>
        <translation>без типу</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; is %3 (%4), not %5 as mapped</source>
        <translation>стовпець %1 «%2» зберігає %3 (%4), а не %5, як вказано в зіставленні</translation>
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
        <translation>виду</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>черги</translation>
    </message>
    <message>
        <source>error</source>
        <translation>помилки</translation>
    </message>
    <message>
        <source>log</source>
        <translation>журналу</translation>
    </message>
    <message>
        <source>progress</source>
        <translation>прогресу</translation>
    </message>
    <message>
        <source>status</source>
        <translation>статусу</translation>
    </message>
    <message>
        <source>fence</source>
        <translation>перевірки змін</translation>
    </message>
    <message>
        <source>created</source>
        <translation>часу створення</translation>
    </message>
    <message>
        <source>started</source>
        <translation>часу початку</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>часу завершення</translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation>часу зміни</translation>
    </message>
    <message>
        <source>items key</source>
        <translation>ключа елементів</translation>
    </message>
    <message>
        <source>items foreign key</source>
        <translation>посилання елементів на рядок</translation>
    </message>
    <message>
        <source>items label</source>
        <translation>назви елементів</translation>
    </message>
    <message>
        <source>items log</source>
        <translation>журналу елементів</translation>
    </message>
    <message>
        <source>items status</source>
        <translation>статусу елементів</translation>
    </message>
    <message>
        <source>items started</source>
        <translation>часу початку елементів</translation>
    </message>
    <message>
        <source>items finished</source>
        <translation>часу завершення елементів</translation>
    </message>
    <message>
        <source>source &apos;%1&apos;: %2</source>
        <translation>джерело «%1»: %2</translation>
    </message>
</context>
<context>
    <name>taskdesk::StoredText</name>
    <message>
        <source>Task created by %1</source>
        <translation>Задачу створив користувач %1</translation>
    </message>
    <message>
        <source>Attempt %1 of %2 started on worker %3</source>
        <translation>Спробу %1 з %2 розпочато на воркері %3</translation>
    </message>
    <message>
        <source>Task completed</source>
        <translation>Задачу виконано</translation>
    </message>
    <message>
        <source>Attempt %1 failed: %2. Retrying in %3 s</source>
        <translation>Спроба %1 не вдалася: %2. Повтор через %3 с</translation>
    </message>
    <message>
        <source>Task failed (%1): %2</source>
        <translation>Задача завершилася помилкою (%1): %2</translation>
    </message>
    <message>
        <source>Task cancelled manually by %1</source>
        <translation>Задачу вручну скасував користувач %1</translation>
    </message>
    <message>
        <source>Cancelled by %1</source>
        <translation>Скасував користувач %1</translation>
    </message>
    <message>
        <source>⚠️ Task force stopped by %1</source>
        <translation>⚠️ Задачу примусово зупинив користувач %1</translation>
    </message>
    <message>
        <source>⚠️ Force stopped by %1</source>
        <translation>⚠️ Примусово зупинив користувач %1</translation>
    </message>
    <message>
        <source>Task force stopped by %1</source>
        <translation>Задачу примусово зупинив користувач %1</translation>
    </message>
    <message>
        <source>Task restarted by %1</source>
        <translation>Задачу перезапустив користувач %1</translation>
    </message>
    <message>
        <source>Worker %1 lost: %2; %3</source>
        <translation>Воркер %1 втрачено: %2; %3</translation>
    </message>
    <message>
        <source>no heartbeat for %1 s (timeout %2 s)</source>
        <translation>немає пульсу %1 с (межа %2 с)</translation>
    </message>
    <message>
        <source>re-queued (attempt %1 of %2 used)</source>
        <translation>повернуто в чергу (використано спробу %1 з %2)</translation>
    </message>
    <message>
        <source>marked FAILED (worker_lost)</source>
        <translation>отримала статус «Помилка» (worker_lost)</translation>
    </message>
    <message>
        <source>its process died, %1</source>
        <translation>його процес завершився, %1</translation>
    </message>
    <message>
        <source>Stuck in the queue for %1 min (threshold %2 min); marked FAILED (stuck_swept) by %3</source>
        <translation>Зависла в черзі на %1 хв (поріг %2 хв); статус «Помилка» (stuck_swept) присвоїв %3</translation>
    </message>
    <message>
        <source>No heartbeat for %1 s; re-queued by %2 (clean-up)</source>
        <translation>Немає пульсу %1 с; повернув у чергу користувач %2 (очищення)</translation>
    </message>
    <message>
        <source>Item started</source>
        <translation>Елемент розпочато</translation>
    </message>
    <message>
        <source>Item completed</source>
        <translation>Елемент виконано</translation>
    </message>
    <message>
        <source>Item failed: %1</source>
        <translation>Елемент не виконано: %1</translation>
    </message>
    <message numerus="yes">
        <source>[… %n lines dropped …]</source>
        <translation>
            <numerusform>[… пропущено %n рядок …]</numerusform>
            <numerusform>[… пропущено %n рядки …]</numerusform>
            <numerusform>[… пропущено %n рядків …]</numerusform>
        </translation>
    </message>
    <message>
        <source>Worker %1 stopped while the task was running</source>
        <translation>Воркер %1 зупинено під час виконання задачі</translation>
    </message>
    <message>
        <source>Time limit of %1 s exceeded; the process group was stopped</source>
        <translation>Перевищено межу часу %1 с; групу процесів зупинено</translation>
    </message>
    <message>
        <source>Exited with code %1</source>
        <translation>Завершилася з кодом %1</translation>
    </message>
    <message>
        <source>Killed by %1 (signal %2)</source>
        <translation>Убита сигналом %1 (%2)</translation>
    </message>
    <message>
        <source>Could not start %1: it is missing or not executable</source>
        <translation>Не вдалося запустити %1: програми немає або вона не виконувана</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>Не вдалося запустити %1: %2</translation>
    </message>
    <message>
        <source>Item &apos;%1&apos; could not be started: %2</source>
        <translation>Елемент «%1» не вдалося розпочати: %2</translation>
    </message>
    <message>
        <source>Item &apos;%1&apos; failed: %2</source>
        <translation>Елемент «%1» не виконано: %2</translation>
    </message>
    <message>
        <source>Item &apos;%1&apos; completed but could not be recorded: %2</source>
        <translation>Елемент «%1» виконано, але записати це не вдалося: %2</translation>
    </message>
    <message>
        <source>Enqueued by schedule &apos;%1&apos; (%2) for the slot of %3</source>
        <translation>Поставлено в чергу розкладом «%1» (%2) на час %3</translation>
    </message>
    <message>
        <source>adopted from %1; its output is followed from now on</source>
        <translation>прийнято від %1; його вивід відстежується відтепер</translation>
    </message>
    <message>
        <source>a supervisor that is gone</source>
        <translation>супервізора, якого вже немає</translation>
    </message>
    <message>
        <source>exited while no supervisor watched it</source>
        <translation>завершився, поки за ним не стежив жоден супервізор</translation>
    </message>
    <message>
        <source>unknown (it exited while no supervisor watched it)</source>
        <translation>невідомо (завершився, поки за ним не стежив жоден супервізор)</translation>
    </message>
    <message>
        <source>stopped by an operator</source>
        <translation>зупинено оператором</translation>
    </message>
    <message>
        <source>restarted by an operator</source>
        <translation>перезапущено оператором</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>видалено</translation>
    </message>
    <message>
        <source>stopped with the supervisor</source>
        <translation>зупинено разом із супервізором</translation>
    </message>
    <message>
        <source>the program %1 does not exist</source>
        <translation>програми %1 не існує</translation>
    </message>
    <message>
        <source>the program %1 is not a file</source>
        <translation>програма %1 — не файл</translation>
    </message>
    <message>
        <source>the program %1 is not executable</source>
        <translation>програма %1 не виконувана</translation>
    </message>
    <message>
        <source>the working folder %1 does not exist</source>
        <translation>робочої теки %1 не існує</translation>
    </message>
    <message>
        <source>cannot read the allow list %1: %2</source>
        <translation>не вдається прочитати список дозволених %1: %2</translation>
    </message>
    <message>
        <source>the allow list %1 does not allow %2 with these arguments</source>
        <translation>список дозволених %1 не дозволяє %2 з цими аргументами</translation>
    </message>
    <message>
        <source>the program %1 is not in the allow list %2</source>
        <translation>програми %1 немає в списку дозволених %2</translation>
    </message>
    <message numerus="yes">
        <source>restarting after %n failure(s)</source>
        <translation>
            <numerusform>перезапуск після %n збою</numerusform>
            <numerusform>перезапуск після %n збоїв</numerusform>
            <numerusform>перезапуск після %n збоїв</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>не вдається запустити %1: %2</translation>
    </message>
    <message>
        <source>exited (%1); not restarted: restart policy %2</source>
        <translation>завершився (%1); не перезапускається: правило перезапуску %2</translation>
    </message>
    <message numerus="yes">
        <source>exited %n time(s) in a row without staying up for %1 ms (last: %2); start it again once the cause is fixed</source>
        <translation>
            <numerusform>завершився %n раз поспіль, не пропрацювавши й %1 мс (останній вихід: %2); запустіть його знову, коли причину буде усунено</numerusform>
            <numerusform>завершився %n рази поспіль, не пропрацювавши й %1 мс (останній вихід: %2); запустіть його знову, коли причину буде усунено</numerusform>
            <numerusform>завершився %n разів поспіль, не пропрацювавши й %1 мс (останній вихід: %2); запустіть його знову, коли причину буде усунено</numerusform>
        </translation>
    </message>
    <message>
        <source>exited (%1); restarting in %2 ms (failure %3 of %4)</source>
        <translation>завершився (%1); перезапуск через %2 мс (збій %3 з %4)</translation>
    </message>
    <message>
        <source>left running without a supervisor (%1 detached)</source>
        <translation>залишено працювати без супервізора (%1 від’єднався)</translation>
    </message>
    <message>
        <source>not restarted: the supervisor left</source>
        <translation>не перезапущено: супервізор завершив роботу</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>код виходу %1</translation>
    </message>
    <message>
        <source>killed by signal %1 (%2)</source>
        <translation>убитий сигналом %1 (%2)</translation>
    </message>
    <message>
        <source>exit status unknown (adopted process)</source>
        <translation>код виходу невідомий (прийнятий процес)</translation>
    </message>
    <message>
        <source>empty database location</source>
        <translation>розташування бази даних не вказано</translation>
    </message>
    <message>
        <source>unknown database URL &apos;%1&apos;: use a file path, sqlite:///path, postgresql://… or mysql://… (in lower case)</source>
        <translation>невідома адреса бази даних «%1»: вкажіть шлях до файлу, sqlite:///шлях, postgresql://… або mysql://… (малими літерами)</translation>
    </message>
    <message>
        <source>not a valid PostgreSQL URL &apos;%1&apos;: expected postgresql://[user@]host[:port]/database</source>
        <translation>неприпустима адреса PostgreSQL «%1»: очікується postgresql://[користувач@]хост[:порт]/база</translation>
    </message>
    <message>
        <source>not a valid PostgreSQL URL: %1</source>
        <translation>неприпустима адреса PostgreSQL: %1</translation>
    </message>
    <message>
        <source>a password in the database URL is not accepted; use PGPASSWORD or ~/.pgpass</source>
        <translation>пароль в адресі бази даних не приймається; використовуйте PGPASSWORD або ~/.pgpass</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid port (1 to 65535)</source>
        <translation>«%1» — неприпустимий порт (від 1 до 65535)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid sslmode (%2)</source>
        <translation>«%1» — неприпустиме значення sslmode (%2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid application_name (1 to 63 letters, digits and _ . : @ / + -)</source>
        <translation>«%1» — неприпустиме значення application_name (від 1 до 63 літер, цифр і _ . : @ / + -)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid %2 (%3)</source>
        <translation>«%1» — неприпустиме значення %2 (%3)</translation>
    </message>
    <message>
        <source>a whole number, 0 or more</source>
        <translation>ціле число, 0 або більше</translation>
    </message>
    <message>
        <source>0 or 1</source>
        <translation>0 або 1</translation>
    </message>
    <message>
        <source>unknown PostgreSQL option &apos;%1&apos;</source>
        <translation>невідомий параметр PostgreSQL «%1»</translation>
    </message>
    <message>
        <source>the PostgreSQL URL names no database</source>
        <translation>в адресі PostgreSQL не вказано базу даних</translation>
    </message>
    <message>
        <source>expected sqlite:///absolute/path.db, got &apos;%1&apos;</source>
        <translation>очікується sqlite:///абсолютний/шлях.db, вказано «%1»</translation>
    </message>
    <message>
        <source>cannot open %1: the folder %2 is read-only (SQLite writes its -wal and -shm files beside the database)</source>
        <translation>не вдається відкрити %1: тека %2 доступна лише для читання (SQLite записує свої файли -wal і -shm поруч із базою даних)</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>не вдається відкрити %1: %2</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>не вдається створити теку %1</translation>
    </message>
    <message>
        <source>%1 is a folder, not a database file</source>
        <translation>%1 — це тека, а не файл бази даних</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>не вдається прочитати %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a SQLite database (the file was left untouched)</source>
        <translation>%1 — не база даних SQLite (файл не змінено)</translation>
    </message>
    <message>
        <source>%1 is a SQLite database of another program, not Taskdesk&apos;s (the file was left untouched)</source>
        <translation>%1 — база даних SQLite іншої програми, а не Taskdesk (файл не змінено)</translation>
    </message>
    <message>
        <source>%1 is damaged (%2); nothing was written to it, &apos;taskdeskctl check&apos; lists what is wrong</source>
        <translation>%1 пошкоджено (%2); до неї нічого не записано, «taskdeskctl check» покаже, що не так</translation>
    </message>
    <message>
        <source>the database %1 has a table schema_migrations that is not Taskdesk&apos;s (another program&apos;s, such as a Rails application&apos;s); nothing was changed</source>
        <translation>у базі даних %1 є таблиця schema_migrations, що належить не Taskdesk (а іншій програмі, наприклад застосунку Rails); нічого не змінено</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, newer than this Taskdesk understands (version %3); upgrade Taskdesk to open it (nothing was changed)</source>
        <translation>база даних %1 має версію схеми %2 — новішу, ніж розуміє цей Taskdesk (версія %3); оновіть Taskdesk, щоб її відкрити (нічого не змінено)</translation>
    </message>
    <message>
        <source>the database file %1 was deleted while in use; nothing more is written, and it is not created again</source>
        <translation>файл бази даних %1 видалено під час роботи; більше нічого не записується, і його не буде створено знову</translation>
    </message>
    <message>
        <source>the database file %1 was replaced by another file while in use; nothing more is written to either; restart to open the new one</source>
        <translation>файл бази даних %1 замінено іншим файлом під час роботи; більше нічого не записується в жоден із них; перезапустіть програму, щоб відкрити новий</translation>
    </message>
    <message>
        <source>no database at %1</source>
        <translation>за шляхом %1 немає бази даних</translation>
    </message>
    <message>
        <source>permission denied (read-only role)</source>
        <translation>доступ заборонено (роль лише для читання)</translation>
    </message>
    <message>
        <source>%1 is not a SQLite database</source>
        <translation>%1 — не база даних SQLite</translation>
    </message>
    <message>
        <source>%1 is damaged (database disk image is malformed)</source>
        <translation>%1 пошкоджено (образ бази даних на диску зіпсовано)</translation>
    </message>
    <message>
        <source>%1 is read-only</source>
        <translation>%1 доступна лише для читання</translation>
    </message>
    <message>
        <source>the database is locked by another process</source>
        <translation>базу даних заблоковано іншим процесом</translation>
    </message>
    <message>
        <source>adopted (pid %1)</source>
        <translation>прийнято (pid %1)</translation>
    </message>
    <message>
        <source>started (pid %1)</source>
        <translation>запущено (pid %1)</translation>
    </message>
    <message>
        <source>did not stop within %1 ms: SIGKILL</source>
        <translation>не зупинився за %1 мс: SIGKILL</translation>
    </message>
    <message>
        <source>exited: %1</source>
        <translation>завершився: %1</translation>
    </message>
    <message>
        <source>FATAL: %1</source>
        <translation>Збій: %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid socket (an absolute path)</source>
        <translation>«%1» — неприпустимий сокет (потрібен абсолютний шлях)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid connect_timeout (seconds, 1 to 3600)</source>
        <translation>«%1» — неприпустиме значення connect_timeout (секунди, від 1 до 3600)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid source name (1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, not starting with &apos;-&apos;)</source>
        <translation>«%1» — неприпустима назва джерела (від 1 до 64 літер, цифр, «.», «_» або «-», але не з «-» на початку)</translation>
    </message>
    <message>
        <source>a password in the database URL is not accepted; put it in the [client] group of a MySQL option file (~/.my.cnf, mode 0600)</source>
        <translation>пароль в адресі бази даних не приймається; вкажіть його в групі [client] файлу параметрів MySQL (~/.my.cnf, права 0600)</translation>
    </message>
    <message>
        <source>not a valid MySQL URL &apos;%1&apos;: expected %2://[user@]host[:port]/database[?socket=/path]</source>
        <translation>неприпустима адреса MySQL «%1»: очікується %2://[користувач@]хост[:порт]/база[?socket=/шлях]</translation>
    </message>
    <message>
        <source>unknown MySQL option &apos;%1&apos; (known: socket, connect_timeout)</source>
        <translation>невідомий параметр MySQL «%1» (відомі: socket, connect_timeout)</translation>
    </message>
    <message>
        <source>the MySQL URL names both a host and a socket; leave the host out: %1://user@/db?socket=…</source>
        <translation>в адресі MySQL вказано і хост, і сокет; приберіть хост: %1://user@/db?socket=…</translation>
    </message>
    <message>
        <source>the MySQL URL names no host (or ?socket=/path/mysqld.sock)</source>
        <translation>в адресі MySQL не вказано хост (або ?socket=/шлях/mysqld.sock)</translation>
    </message>
    <message>
        <source>the MySQL URL names no database</source>
        <translation>в адресі MySQL не вказано базу даних</translation>
    </message>
    <message>
        <source>%1: Taskdesk keeps its own data in SQLite or PostgreSQL; a MySQL or MariaDB database can only be attached as another program&apos;s job table</source>
        <translation>%1: свої дані Taskdesk зберігає в SQLite або PostgreSQL; базу MySQL або MariaDB можна лише підключити як таблицю завдань іншої програми</translation>
    </message>
    <message>
        <source>%1: unknown key &apos;%2&apos;</source>
        <translation>%1: невідомий ключ «%2»</translation>
    </message>
    <message>
        <source>%1.values: &apos;%2&apos; is mapped to &apos;%3&apos;, not to PENDING, RUNNING, COMPLETED or FAILED</source>
        <translation>%1.values: «%2» зіставлено з «%3», а не з PENDING, RUNNING, COMPLETED або FAILED</translation>
    </message>
    <message>
        <source>%1.%2 must be text</source>
        <translation>%1.%2 має бути текстом</translation>
    </message>
    <message>
        <source>%1.%2 must be true or false</source>
        <translation>%1.%2 має бути true або false</translation>
    </message>
    <message>
        <source>%1.%2 must be a whole number</source>
        <translation>%1.%2 має бути цілим числом</translation>
    </message>
    <message>
        <source>%1.%2 must be an object</source>
        <translation>%1.%2 має бути об’єктом</translation>
    </message>
    <message>
        <source>%1: unknown time type &apos;%2&apos; (timestamptz, timestamp, iso, epoch_s or epoch_ms)</source>
        <translation>%1: невідомий тип часу «%2» (timestamptz, timestamp, iso, epoch_s або epoch_ms)</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not a plain column name (letters, digits, &apos;_&apos;)</source>
        <translation>%1: «%2» — неприпустима назва (лише літери, цифри та «_»)</translation>
    </message>
    <message>
        <source>%1: no status column</source>
        <translation>%1: не вказано стовпець статусу</translation>
    </message>
    <message>
        <source>%1: no status value is mapped</source>
        <translation>%1: не зіставлено жодного значення статусу</translation>
    </message>
    <message>
        <source>%1: the failed value &apos;%2&apos; is not a value mapped to FAILED</source>
        <translation>%1: значення для збою «%2» не зіставлено з FAILED</translation>
    </message>
    <message>
        <source>%1: the pending value &apos;%2&apos; is not a value mapped to PENDING</source>
        <translation>%1: значення для очікування «%2» не зіставлено з PENDING</translation>
    </message>
    <message>
        <source>source.title must be a column or a list of columns</source>
        <translation>source.title має бути стовпцем або списком стовпців</translation>
    </message>
    <message>
        <source>source.stuck.action must be mark_failed or retry, not &apos;%1&apos;</source>
        <translation>source.stuck.action має бути mark_failed або retry, а не «%1»</translation>
    </message>
    <message>
        <source>no connection: give a SQLite file, a postgresql:// or a mysql:// URL</source>
        <translation>не вказано підключення: вкажіть файл SQLite або адресу postgresql:// чи mysql://</translation>
    </message>
    <message>
        <source>no table</source>
        <translation>не вказано таблицю</translation>
    </message>
    <message>
        <source>no key column</source>
        <translation>не вказано стовпець ключа</translation>
    </message>
    <message>
        <source>the time column &apos;%1&apos; has no type</source>
        <translation>для стовпця часу «%1» не вказано тип</translation>
    </message>
    <message>
        <source>the time column &apos;%1&apos;: &apos;%2&apos; is not a time zone</source>
        <translation>стовпець часу «%1»: «%2» — не часовий пояс</translation>
    </message>
    <message>
        <source>progress needs both its columns, done and total</source>
        <translation>для прогресу потрібні обидва стовпці: done і total</translation>
    </message>
    <message>
        <source>the items table needs its key and the column that names the row (foreign key)</source>
        <translation>для таблиці елементів потрібні її ключ і стовпець, що вказує на рядок (зовнішній ключ)</translation>
    </message>
    <message>
        <source>no fence column: choose the column an action checks is unchanged (updated_at, started_at or a version column)</source>
        <translation>не вказано контрольний стовпець: виберіть стовпець, незмінність якого дія перевіряє (updated_at, started_at або стовпець версії)</translation>
    </message>
    <message>
        <source>the fence column &apos;%1&apos; is neither a mapped time column nor a version column</source>
        <translation>контрольний стовпець «%1» — не зіставлений стовпець часу і не стовпець версії</translation>
    </message>
    <message>
        <source>queued longer than %1 minutes: give 1 to %2 minutes</source>
        <translation>у черзі довше ніж %1 хв: вкажіть від 1 до %2 хв</translation>
    </message>
    <message>
        <source>running without a change for %1 minutes: give 1 to %2 minutes</source>
        <translation>виконується без змін %1 хв: вкажіть від 1 до %2 хв</translation>
    </message>
    <message>
        <source>a sweep every %1 s: give 10 to 86400 seconds</source>
        <translation>очищення кожні %1 с: вкажіть від 10 до 86400 секунд</translation>
    </message>
    <message>
        <source>a sweep that retries needs the pending value it writes</source>
        <translation>для очищення з повтором потрібне значення очікування, яке воно запише</translation>
    </message>
    <message>
        <source>a read-only source cannot be swept</source>
        <translation>джерело лише для читання не можна очищати</translation>
    </message>
    <message>
        <source>the table</source>
        <translation>таблиця</translation>
    </message>
    <message>
        <source>the key column</source>
        <translation>стовпець ключа</translation>
    </message>
    <message>
        <source>the title column</source>
        <translation>стовпець заголовка</translation>
    </message>
    <message>
        <source>the kind column</source>
        <translation>стовпець виду</translation>
    </message>
    <message>
        <source>the queue column</source>
        <translation>стовпець черги</translation>
    </message>
    <message>
        <source>the time column</source>
        <translation>стовпець часу</translation>
    </message>
    <message>
        <source>the error column</source>
        <translation>стовпець помилки</translation>
    </message>
    <message>
        <source>the log column</source>
        <translation>стовпець журналу</translation>
    </message>
    <message>
        <source>the progress column</source>
        <translation>стовпець прогресу</translation>
    </message>
    <message>
        <source>the items table</source>
        <translation>таблиця елементів</translation>
    </message>
    <message>
        <source>the items key</source>
        <translation>ключ елементів</translation>
    </message>
    <message>
        <source>the items foreign key</source>
        <translation>зовнішній ключ елементів</translation>
    </message>
    <message>
        <source>the items label</source>
        <translation>назва елемента</translation>
    </message>
    <message>
        <source>the items log</source>
        <translation>журнал елементів</translation>
    </message>
    <message>
        <source>the items</source>
        <translation>елементи</translation>
    </message>
    <message>
        <source>the fence column</source>
        <translation>контрольний стовпець</translation>
    </message>
    <message>
        <source>the table status column</source>
        <translation>стовпець статусу таблиці</translation>
    </message>
    <message>
        <source>the items status column</source>
        <translation>стовпець статусу елементів</translation>
    </message>
    <message>
        <source>there is no table &apos;%1&apos; in %2 (renamed or dropped?)</source>
        <translation>у %2 немає таблиці «%1» (перейменована чи видалена?)</translation>
    </message>
    <message>
        <source>source &apos;%1&apos;: %2</source>
        <translation>джерело «%1»: %2</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; is not in &apos;%3&apos; (renamed?)</source>
        <translation>стовпця %1 «%2» немає в «%3» (перейменовано?)</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; (%3) keeps no time Taskdesk can read (timestamptz, timestamp, ISO text, epoch seconds or milliseconds)</source>
        <translation>у стовпці %1 «%2» (%3) немає часу, який Taskdesk уміє читати (timestamptz, timestamp, текст ISO, секунди або мілісекунди epoch)</translation>
    </message>
    <message>
        <source>no type</source>
        <translation>без типу</translation>
    </message>
    <message>
        <source>the %1 column &apos;%2&apos; is %3 (%4), not %5 as mapped</source>
        <translation>стовпець %1 «%2» зберігає %3 (%4), а не %5, як вказано в зіставленні</translation>
    </message>
    <message>
        <source>&apos;%1&apos; of &apos;%2&apos; is not an integer primary key (%3): a row must be named by one to be acted on</source>
        <translation>«%1» у «%2» — не цілочисельний первинний ключ (%3): щоб діяти над рядком, треба вказати його таким ключем</translation>
    </message>
    <message>
        <source>the status column &apos;%1&apos; is %2, which a %3 mapping cannot read</source>
        <translation>стовпець статусу «%1» має тип %2, який зіставлення «%3» прочитати не може</translation>
    </message>
    <message>
        <source>text value</source>
        <translation>текстове значення</translation>
    </message>
    <message>
        <source>the version column &apos;%1&apos; is %2, not an integer</source>
        <translation>стовпець версії «%1» має тип %2, а не ціле число</translation>
    </message>
    <message>
        <source>%1 needs an index on %2: CREATE INDEX %3_%2_idx ON %3 (%2)</source>
        <translation>%1: потрібен індекс за %2: CREATE INDEX %3_%2_idx ON %3 (%2)</translation>
    </message>
    <message>
        <source>Reading a row&apos;s items needs an index on %1: CREATE INDEX %2_%1_idx ON %2 (%1)</source>
        <translation>Для читання елементів рядка потрібен індекс за %1: CREATE INDEX %2_%1_idx ON %2 (%1)</translation>
    </message>
    <message>
        <source>Filtering by status and the stuck check</source>
        <translation>Фільтр за статусом і пошук завислих</translation>
    </message>
    <message>
        <source>Sorting by the heartbeat</source>
        <translation>Сортування за сигналом активності</translation>
    </message>
    <message>
        <source>Sorting by the created time</source>
        <translation>Сортування за часом створення</translation>
    </message>
    <message>
        <source>Sorting by the start time</source>
        <translation>Сортування за часом запуску</translation>
    </message>
    <message>
        <source>Sorting by the finish time</source>
        <translation>Сортування за часом завершення</translation>
    </message>
    <message>
        <source>source %1: %2</source>
        <translation>джерело %1: %2</translation>
    </message>
    <message>
        <source>source %1 has no row %2 (deleted?)</source>
        <translation>у джерелі %1 немає рядка %2 (видалено?)</translation>
    </message>
    <message>
        <source>source %1 is attached read-only: %2 changes nothing there</source>
        <translation>джерело %1 підключено лише для читання: дія «%2» там нічого не змінює</translation>
    </message>
    <message>
        <source>the mapping of source %1 does not allow Delete (allow_delete)</source>
        <translation>зіставлення джерела %1 не дозволяє видалення (allow_delete)</translation>
    </message>
    <message>
        <source>the mapping of source %1 names no failed value for %2 to write</source>
        <translation>у зіставленні джерела %1 не вказано значення збою, яке записала б дія «%2»</translation>
    </message>
    <message>
        <source>the mapping of source %1 names no pending value for Retry to write</source>
        <translation>у зіставленні джерела %1 не вказано значення очікування, яке записав би повтор</translation>
    </message>
    <message>
        <source>%1 of row %2 of source %3 was done, but its audit row could not be written: %4</source>
        <translation>дію «%1» для рядка %2 джерела %3 виконано, але запис до журналу аудиту не вдався: %4</translation>
    </message>
    <message>
        <source>the key %1 of source %2 named %3 rows; nothing was changed</source>
        <translation>ключ %1 джерела %2 вказав одразу на кілька рядків (%3); нічого не змінено</translation>
    </message>
    <message>
        <source>row %1 is gone (deleted by someone else); nothing was changed</source>
        <translation>рядка %1 більше немає (його видалив хтось інший); нічого не змінено</translation>
    </message>
    <message>
        <source>row %1 is %2 now (it was %3 when you looked); nothing was changed</source>
        <translation>рядок %1 тепер у статусі %2 (коли ви дивилися, був %3); нічого не змінено</translation>
    </message>
    <message>
        <source>row %1 is %2: %3 is not taken from that status; nothing was changed</source>
        <translation>рядок %1 у статусі %2: з цього статусу дія «%3» не виконується; нічого не змінено</translation>
    </message>
    <message>
        <source>row %1 changed since you looked (%2 was &apos;%3&apos;, is &apos;%4&apos;); nothing was changed</source>
        <translation>рядок %1 змінився, поки ви дивилися (%2 було «%3», стало «%4»); нічого не змінено</translation>
    </message>
    <message>
        <source>row %1 waits in the queue: a retry would not change that</source>
        <translation>рядок %1 чекає в черзі: повтор цього не змінить</translation>
    </message>
    <message>
        <source>stuck: running with no change of %1 for over %2 min</source>
        <translation>зависло: виконується, а %1 не змінюється понад %2 хв</translation>
    </message>
    <message>
        <source>stuck: pending with no change of %1 for over %2 min</source>
        <translation>зависло: чекає в черзі, а %1 не змінюється понад %2 хв</translation>
    </message>
    <message>
        <source>the stored definition of source &apos;%1&apos; is not JSON (%2): edit or remove it</source>
        <translation>збережений опис джерела «%1» — не JSON (%2): виправте або видаліть його</translation>
    </message>
    <message>
        <source>the stored definition of source &apos;%1&apos; is not valid: %2</source>
        <translation>збережений опис джерела «%1» неправильний: %2</translation>
    </message>
    <message>
        <source>there is no source &apos;%1&apos; (&apos;taskdeskctl sources list&apos; lists them)</source>
        <translation>джерела «%1» немає (список джерел: «taskdeskctl sources list»)</translation>
    </message>
    <message>
        <source>there is no source &apos;%1&apos;</source>
        <translation>джерела «%1» немає</translation>
    </message>
    <message>
        <source>there is a source &apos;%1&apos; already</source>
        <translation>джерело «%1» вже є</translation>
    </message>
    <message>
        <source>cannot open %1: there is no such file (nothing was created)</source>
        <translation>не вдається відкрити %1: такого файлу немає (нічого не створено)</translation>
    </message>
    <message>
        <source>there is no Taskdesk database at %1 (nothing was created)</source>
        <translation>за адресою %1 немає бази даних Taskdesk (нічого не створено)</translation>
    </message>
    <message>
        <source>Force Stop</source>
        <translation>Примусово зупинити</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторити</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Видалити</translation>
    </message>
    <message>
        <source>↻ Task retried by %1</source>
        <translation>↻ Задачу повторно запустив користувач %1</translation>
    </message>
    <message>
        <source>Cancelled manually by %1</source>
        <translation>Вручну скасував користувач %1</translation>
    </message>
    <message>
        <source>↻ Retried by %1</source>
        <translation>↻ Повторно запустив користувач %1</translation>
    </message>
    <message>
        <source>Tasks of kind %1 failed</source>
        <translation>Завдання виду %1 впали</translation>
    </message>
    <message>
        <source>the last one: task %1 (%2), queue %3</source>
        <translation>останнє: завдання %1 (%2), черга %3</translation>
    </message>
    <message>
        <source>Stuck tasks: %1 for longer than %2</source>
        <translation>Завислих завдань: %1 довше ніж %2</translation>
    </message>
    <message>
        <source>%1 running without a heartbeat, %2 waiting in a queue</source>
        <translation>без пульсу виконуються: %1, чекають у черзі: %2</translation>
    </message>
    <message>
        <source>Process %1 on %2 is FATAL</source>
        <translation>Процес %1 на %2 у стані FATAL</translation>
    </message>
    <message>
        <source>Process %1 on %2 restarted %3 times in %4</source>
        <translation>Процес %1 на %2: перезапусків за %4 — %3</translation>
    </message>
    <message>
        <source>The oldest task in queue %1 has waited %2</source>
        <translation>Найстаріше завдання в черзі %1 чекає вже %2</translation>
    </message>
    <message>
        <source>%1 due tasks wait; the threshold is %2</source>
        <translation>чекають завдань: %1; поріг — %2</translation>
    </message>
    <message>
        <source>Queue %1 is stalled: no task finished in %2 while %3 wait</source>
        <translation>Черга %1 зупинилася: за %2 не завершилося жодне завдання, чекають: %3</translation>
    </message>
    <message>
        <source>Worker %1 on %2 is lost: no heartbeat</source>
        <translation>Воркер %1 на %2 втрачено: немає пульсу</translation>
    </message>
    <message>
        <source>worker id %1</source>
        <translation>id воркера %1</translation>
    </message>
    <message>
        <source>Test alert from Taskdesk on %1</source>
        <translation>Тестове сповіщення Taskdesk з %1</translation>
    </message>
    <message>
        <source>Sent by %1 to check the %2 channel</source>
        <translation>Надіслав %1, щоб перевірити канал %2</translation>
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
            <numerusform>%n хв</numerusform>
            <numerusform>%n хв</numerusform>
            <numerusform>%n хв</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n год</numerusform>
            <numerusform>%n год</numerusform>
            <numerusform>%n год</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::AlertTableModel</name>
    <message>
        <source>Task failed</source>
        <translation>Завдання впало</translation>
    </message>
    <message>
        <source>Stuck tasks</source>
        <translation>Завислі завдання</translation>
    </message>
    <message>
        <source>Process FATAL</source>
        <translation>Процес у FATAL</translation>
    </message>
    <message>
        <source>Process restarts</source>
        <translation>Перезапуски процесу</translation>
    </message>
    <message>
        <source>Old queued task</source>
        <translation>Старе завдання в черзі</translation>
    </message>
    <message>
        <source>Stalled queue</source>
        <translation>Черга зупинилася</translation>
    </message>
    <message>
        <source>Worker lost</source>
        <translation>Воркер втрачено</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Тест</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Знято</translation>
    </message>
    <message>
        <source>Firing</source>
        <translation>Активне</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Правило</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Опис</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Початок</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Подій</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::AlertsView</name>
    <message>
        <source>Send Test Alert</source>
        <translation>Надіслати тестове сповіщення</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Зберегти</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Скасувати зміни</translation>
    </message>
    <message>
        <source>Every channel that is on</source>
        <translation>Усі увімкнені канали</translation>
    </message>
    <message>
        <source>Sends a test alert now, from this app, and records how it went</source>
        <translation>Надсилає тестове сповіщення просто зараз із цього застосунку й записує результат</translation>
    </message>
    <message>
        <source>Firing</source>
        <translation>Активне</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Знято</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Сповіщення</translation>
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
        <translation>Канали</translation>
    </message>
    <message>
        <source> min</source>
        <translation> хв</translation>
    </message>
    <message>
        <source>every kind</source>
        <translation>усі види</translation>
    </message>
    <message>
        <source>The kinds whose failed tasks alert, separated by commas; empty: every kind</source>
        <translation>Види завдань, чиї падіння викликають сповіщення, через кому; порожньо — усі види</translation>
    </message>
    <message>
        <source>A task failed after its last attempt</source>
        <translation>Завдання впало після останньої спроби</translation>
    </message>
    <message>
        <source>of the kinds</source>
        <translation>видів</translation>
    </message>
    <message>
        <source>Stuck tasks</source>
        <translation>Завислі завдання</translation>
    </message>
    <message>
        <source>more than</source>
        <translation>більше ніж</translation>
    </message>
    <message>
        <source>for longer than</source>
        <translation>довше ніж</translation>
    </message>
    <message>
        <source>A process went FATAL</source>
        <translation>Процес перейшов у FATAL</translation>
    </message>
    <message>
        <source>A process restarts often</source>
        <translation>Процес часто перезапускається</translation>
    </message>
    <message>
        <source>times in</source>
        <translation>разів за</translation>
    </message>
    <message>
        <source>A queued task waits too long</source>
        <translation>Завдання надто довго чекає в черзі</translation>
    </message>
    <message>
        <source>older than</source>
        <translation>старше ніж</translation>
    </message>
    <message>
        <source>A queue stalled</source>
        <translation>Черга зупинилася</translation>
    </message>
    <message>
        <source>nothing finished for</source>
        <translation>нічого не завершилося за</translation>
    </message>
    <message>
        <source>while tasks wait</source>
        <translation>коли завдання чекають</translation>
    </message>
    <message>
        <source>A worker was lost</source>
        <translation>Воркер втрачено</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Доставка</translation>
    </message>
    <message>
        <source>One message per</source>
        <translation>Одне повідомлення за</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Check the rules every</source>
        <translation>Перевіряти правила кожні</translation>
    </message>
    <message>
        <source>none, or e.g. 22:00-07:00</source>
        <translation>немає, або наприклад 22:00-07:00</translation>
    </message>
    <message>
        <source>Nothing is sent during these hours; what was held goes out as one message when they end</source>
        <translation>У ці години нічого не надсилається; накопичене піде одним повідомленням, коли вони скінчаться</translation>
    </message>
    <message>
        <source>The time zone of the quiet hours, e.g. Europe/Kyiv</source>
        <translation>Часовий пояс тихих годин, наприклад Europe/Kyiv</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Тихі години</translation>
    </message>
    <message>
        <source>in the time zone</source>
        <translation>у часовому поясі</translation>
    </message>
    <message>
        <source>Retry a failed delivery after</source>
        <translation>Повторювати невдалу доставку через</translation>
    </message>
    <message>
        <source>at most every</source>
        <translation>не рідше ніж раз на</translation>
    </message>
    <message>
        <source>Give up on a delivery after</source>
        <translation>Припинити спроби доставки через</translation>
    </message>
    <message>
        <source>env:VARIABLE or file:/path</source>
        <translation>env:ЗМІННА або file:/шлях</translation>
    </message>
    <message>
        <source>The stored value is no env: or file: reference and is not shown</source>
        <translation>Збережене значення — не посилання env: чи file:, і його не показано</translation>
    </message>
    <message>
        <source>Where the secret is read from when a message goes: an environment variable of the sending process, or a file. The secret itself is never stored, shown or logged.</source>
        <translation>Звідки читається секрет під час надсилання: змінна оточення процесу, що надсилає, або файл. Сам секрет ніде не зберігається, не показується й не пишеться в журнали.</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Bot token from:</source>
        <translation>Токен бота з:</translation>
    </message>
    <message>
        <source>Chat ID:</source>
        <translation>ID чату:</translation>
    </message>
    <message>
        <source>Bot API address:</source>
        <translation>Адреса Bot API:</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>Webhook address from:</source>
        <translation>Адреса вебхука з:</translation>
    </message>
    <message>
        <source>Webhook (Alertmanager&apos;s format)</source>
        <translation>Вебхук (формат Alertmanager)</translation>
    </message>
    <message>
        <source>Address from:</source>
        <translation>Адреса з:</translation>
    </message>
    <message>
        <source>Signing key from:</source>
        <translation>Ключ підпису з:</translation>
    </message>
    <message>
        <source>This app&apos;s tray, while it runs</source>
        <translation>Трей цього застосунку, поки він працює</translation>
    </message>
    <message>
        <source>Rules and channels are shared by every supervisor and apply at its next check; changes are audited.</source>
        <translation>Правила й канали спільні для всіх супервізорів і діють з їхньої наступної перевірки; зміни потрапляють до журналу аудиту.</translation>
    </message>
    <message>
        <source>Read-only: the settings are shown, not changed.</source>
        <translation>Лише читання: налаштування видно, але не змінюються.</translation>
    </message>
    <message>
        <source>The database does not answer: nothing can be changed.</source>
        <translation>База даних не відповідає: змінити нічого не можна.</translation>
    </message>
    <message>
        <source>The alerts could not be read: %1</source>
        <translation>Не вдалося прочитати сповіщення: %1</translation>
    </message>
    <message>
        <source>No alert is firing.</source>
        <translation>Активних сповіщень немає.</translation>
    </message>
    <message numerus="yes">
        <source>%n alerts firing.</source>
        <translation>
            <numerusform>Спрацьовує %n сповіщення.</numerusform>
            <numerusform>Спрацьовують %n сповіщення.</numerusform>
            <numerusform>Спрацьовують %n сповіщень.</numerusform>
        </translation>
    </message>
    <message>
        <source>Alert: %1</source>
        <translation>Сповіщення: %1</translation>
    </message>
    <message>
        <source>Resolved: %1</source>
        <translation>Знято: %1</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Нічого не змінено.</translation>
    </message>
    <message>
        <source>The alert settings were not saved: %1</source>
        <translation>Налаштування сповіщень не збережено: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n alert settings.</source>
        <translation>
            <numerusform>Збережено %n налаштування сповіщень.</numerusform>
            <numerusform>Збережено %n налаштування сповіщень.</numerusform>
            <numerusform>Збережено %n налаштувань сповіщень.</numerusform>
        </translation>
    </message>
    <message>
        <source>Test alert</source>
        <translation>Тестове сповіщення</translation>
    </message>
    <message>
        <source>A test alert from Taskdesk</source>
        <translation>Тестове сповіщення від Taskdesk</translation>
    </message>
    <message>
        <source>No test alert was sent: %1</source>
        <translation>Тестове сповіщення не надіслано: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>A test alert went to %1.</source>
        <translation>Тестове сповіщення надіслано: %1.</translation>
    </message>
    <message>
        <source>The test alert failed on %1</source>
        <translation>Тестове сповіщення не дійшло: %1</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>Коли</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Хто</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Дія</translation>
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
        <translation>Подробиці</translation>
    </message>
    <message>
        <source>enqueued</source>
        <translation>поставлено в чергу</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>скасовано</translation>
    </message>
    <message>
        <source>force stopped</source>
        <translation>примусово зупинено</translation>
    </message>
    <message>
        <source>restarted</source>
        <translation>перезапущено</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>видалено</translation>
    </message>
    <message>
        <source>swept</source>
        <translation>оброблено чистильником</translation>
    </message>
    <message>
        <source>cleaned up</source>
        <translation>очищено</translation>
    </message>
    <message>
        <source>marked failed</source>
        <translation>позначено як помилку</translation>
    </message>
    <message>
        <source>re-queued</source>
        <translation>повернуто в чергу</translation>
    </message>
    <message>
        <source>re-queued by retry</source>
        <translation>повернуто в чергу повтором</translation>
    </message>
    <message>
        <source>no heartbeat</source>
        <translation>немає пульсу</translation>
    </message>
    <message>
        <source>waiting in the queue too long</source>
        <translation>надто довго в черзі</translation>
    </message>
    <message>
        <source>operator&apos;s clean-up</source>
        <translation>очищення оператором</translation>
    </message>
    <message>
        <source>its worker died</source>
        <translation>її воркер завершився</translation>
    </message>
    <message>
        <source>rule: %1</source>
        <translation>правило: %1</translation>
    </message>
    <message>
        <source>stuck for %1</source>
        <translation>застрягла на %1</translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>поріг %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln running item(s) stopped</source>
        <translation>
            <numerusform>зупинено %Ln елемент, що виконувався</numerusform>
            <numerusform>зупинено %Ln елементи, що виконувалися</numerusform>
            <numerusform>зупинено %Ln елементів, що виконувалися</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln елемент</numerusform>
            <numerusform>%Ln елементи</numerusform>
            <numerusform>%Ln елементів</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>так</translation>
    </message>
    <message>
        <source>no</source>
        <translation>ні</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (database role %2)</source>
        <translation>%1 (роль у базі даних %2)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>new</source>
        <translation>нова</translation>
    </message>
    <message>
        <source>The deleted task:</source>
        <translation>Видалена задача:</translation>
    </message>
    <message>
        <source>setting changed</source>
        <translation>налаштування змінено</translation>
    </message>
    <message>
        <source>process added</source>
        <translation>процес додано</translation>
    </message>
    <message>
        <source>process changed</source>
        <translation>процес змінено</translation>
    </message>
    <message>
        <source>process removed</source>
        <translation>процес вилучено</translation>
    </message>
    <message>
        <source>process started</source>
        <translation>процес запущено</translation>
    </message>
    <message>
        <source>process stopped</source>
        <translation>процес зупинено</translation>
    </message>
    <message>
        <source>process restarted</source>
        <translation>процес перезапущено</translation>
    </message>
    <message>
        <source>process exited</source>
        <translation>процес завершився</translation>
    </message>
    <message>
        <source>process FATAL</source>
        <translation>процес у FATAL</translation>
    </message>
    <message>
        <source>start requested</source>
        <translation>запитано запуск</translation>
    </message>
    <message>
        <source>stop requested</source>
        <translation>запитано зупинку</translation>
    </message>
    <message>
        <source>restart requested</source>
        <translation>запитано перезапуск</translation>
    </message>
    <message>
        <source>process adopted</source>
        <translation>процес прийнято</translation>
    </message>
    <message>
        <source>process left running</source>
        <translation>процес залишено працювати</translation>
    </message>
    <message>
        <source>schedule added</source>
        <translation>розклад додано</translation>
    </message>
    <message>
        <source>schedule changed</source>
        <translation>розклад змінено</translation>
    </message>
    <message>
        <source>schedule removed</source>
        <translation>розклад вилучено</translation>
    </message>
    <message>
        <source>schedule enabled</source>
        <translation>розклад увімкнено</translation>
    </message>
    <message>
        <source>schedule disabled</source>
        <translation>розклад вимкнено</translation>
    </message>
    <message>
        <source>enqueued by schedule</source>
        <translation>поставлено за розкладом</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Видалено</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::AuditView</name>
    <message>
        <source>Load Older Entries</source>
        <translation>Завантажити старіші записи</translation>
    </message>
    <message>
        <source>Search who, action, task or details</source>
        <translation>Пошук за користувачем, дією, задачею чи подробицями</translation>
    </message>
    <message>
        <source>No audit entries yet.</source>
        <translation>Записів аудиту ще немає.</translation>
    </message>
    <message>
        <source>No entry matches.</source>
        <translation>Відповідних записів немає.</translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %Ln entry(s).</source>
        <translation>
            <numerusform>Показано %Ln найновіший запис.</numerusform>
            <numerusform>Показано %Ln найновіші записи.</numerusform>
            <numerusform>Показано %Ln найновіших записів.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %Ln matching entry(s).</source>
        <translation>
            <numerusform>Показано %Ln найновіший відповідний запис.</numerusform>
            <numerusform>Показано %Ln найновіші відповідні записи.</numerusform>
            <numerusform>Показано %Ln найновіших відповідних записів.</numerusform>
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
        <translation>Надіслано</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Помилка</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Надсилається</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Очікує</translation>
    </message>
    <message>
        <source>Test alert</source>
        <translation>Тестове сповіщення</translation>
    </message>
    <message numerus="yes">
        <source>%n resolved</source>
        <translation>
            <numerusform>%n знято</numerusform>
            <numerusform>%n знято</numerusform>
            <numerusform>%n знято</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n firing</source>
        <translation>
            <numerusform>%n спрацьовує</numerusform>
            <numerusform>%n спрацьовують</numerusform>
            <numerusform>%n спрацьовують</numerusform>
        </translation>
    </message>
    <message>
        <source>next at %1</source>
        <translation>наступна о %1</translation>
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
        <translation>Повідомлення</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Спроби</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Створено</translation>
    </message>
    <message>
        <source>Last Error</source>
        <translation>Остання помилка</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::FilterChips</name>
    <message>
        <source>All</source>
        <translation>Усі</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>Застряглі</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Stuck: %1 waiting in the queue too long, %2 running without a heartbeat</source>
        <translation>Застряглі: надто довго в черзі — %1, без пульсу — %2</translation>
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
        <translation>Задачі</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Процеси</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>Застряглі</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Розклади</translation>
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
        <translation>База даних: %1</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>Оператор: %1</translation>
    </message>
    <message>
        <source>Process %1 is FATAL</source>
        <translation>Процес %1 у стані FATAL</translation>
    </message>
    <message>
        <source>The process %1 went FATAL: %2</source>
        <translation>Процес %1 перейшов у стан FATAL: %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Налаштування…</translation>
    </message>
    <message>
        <source>Load &amp;Demo</source>
        <translation>Завантажити &amp;демо</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Вихід</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>&amp;Задачі</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вигляд</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Довідка</translation>
    </message>
    <message>
        <source>&amp;About Taskdesk</source>
        <translation>&amp;Про Taskdesk</translation>
    </message>
    <message>
        <source>The database file was deleted or replaced: %1. The last data stays on screen and actions are off; start Taskdesk again to open the file now at that path.</source>
        <translation>Файл бази даних видалено або замінено: %1. Останні дані лишаються на екрані, дії вимкнено; запустіть Taskdesk знову, щоб відкрити файл, який зараз лежить за цим шляхом.</translation>
    </message>
    <message>
        <source>The database does not answer: %1. The last data stays on screen and actions are off until it answers again; Taskdesk keeps trying by itself.</source>
        <translation>База даних не відповідає: %1. Останні дані лишаються на екрані, дії вимкнено, доки вона не відповість; Taskdesk пробує далі сам.</translation>
    </message>
    <message>
        <source>Read-only: everything is shown and nothing can be changed.</source>
        <translation>Лише читання: усе показано, нічого не можна змінити.</translation>
    </message>
    <message>
        <source>Read-only: everything is shown and nothing can be changed (%1).</source>
        <translation>Лише читання: усе показано, нічого не можна змінити (%1).</translation>
    </message>
    <message>
        <source>Database file lost</source>
        <translation>Файл бази даних втрачено</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Лише читання</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Під’єднано</translation>
    </message>
    <message>
        <source>Database unreachable</source>
        <translation>База даних недоступна</translation>
    </message>
    <message>
        <source>The sweeper of this app started.</source>
        <translation>Чистильник цієї програми запущено.</translation>
    </message>
    <message>
        <source>The sweeper of this app stopped.</source>
        <translation>Чистильник цієї програми зупинено.</translation>
    </message>
    <message>
        <source>The scheduler of this app started.</source>
        <translation>Планувальник цієї програми запущено.</translation>
    </message>
    <message>
        <source>The scheduler of this app stopped.</source>
        <translation>Планувальник цієї програми зупинено.</translation>
    </message>
    <message>
        <source>Load the Demo?</source>
        <translation>Завантажити демо?</translation>
    </message>
    <message>
        <source>This database is empty. Load the demo to try every feature at once?</source>
        <translation>База даних порожня. Завантажити демо, щоб одразу спробувати всі можливості?</translation>
    </message>
    <message>
        <source>It adds sample tasks in every status (one of them stuck), a few hours of history, a worker and a scheduler process running small demo scripts, and two schedules.</source>
        <translation>Буде додано приклади задач у всіх статусах (одна з них застрягла), історію за кілька годин, процеси воркера й планувальника, що виконують невеликі демо-скрипти, і два розклади.</translation>
    </message>
    <message>
        <source>Load Demo</source>
        <translation>Завантажити демо</translation>
    </message>
    <message>
        <source>Start Empty</source>
        <translation>Почати з порожньої</translation>
    </message>
    <message>
        <source>The demo was not loaded: %1</source>
        <translation>Демо не завантажено: %1</translation>
    </message>
    <message>
        <source>About Taskdesk</source>
        <translation>Про Taskdesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Taskdesk %1&lt;/h3&gt;&lt;p&gt;An operations console for background jobs.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Taskdesk %1&lt;/h3&gt;&lt;p&gt;Консоль оператора фонових задач.&lt;/p&gt;&lt;p&gt;База даних: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit Taskdesk</source>
        <translation>Вихід із Taskdesk</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es) run under this window: %1.</source>
        <translation>
            <numerusform>Під цим вікном працює %n процес: %1.</numerusform>
            <numerusform>Під цим вікном працюють %n процеси: %1.</numerusform>
            <numerusform>Під цим вікном працюють %n процесів: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop them, or leave them running? Processes left running go on unsupervised until a supervisor takes this host again (the next Taskdesk window or taskdeskctl supervise); running tasks of stopped workers are marked failed.</source>
        <translation>Зупинити їх чи залишити працювати? Залишені процеси працюють без нагляду, доки супервізор знову не візьме цей хост (наступне вікно Taskdesk або taskdeskctl supervise); задачі зупинених воркерів, що виконуються, отримують статус «Помилка».</translation>
    </message>
    <message>
        <source>Stop Them</source>
        <translation>Зупинити</translation>
    </message>
    <message>
        <source>Leave Them Running</source>
        <translation>Залишити працювати</translation>
    </message>
    <message>
        <source>Stopping the processes; Taskdesk closes when they have stopped.</source>
        <translation>Процеси зупиняються; Taskdesk закриється, коли вони зупиняться.</translation>
    </message>
    <message>
        <source>&amp;Attach a Table…</source>
        <translation>&amp;Підключити таблицю…</translation>
    </message>
    <message>
        <source>The source %1 is attached.</source>
        <translation>Джерело %1 підключено.</translation>
    </message>
    <message>
        <source>The attached table of the source %1</source>
        <translation>Підключена таблиця джерела %1</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Сповіщення</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::MissingDatabaseDialog</name>
    <message>
        <source>Create It</source>
        <translation>Створити</translation>
    </message>
    <message>
        <source>Choose Another…</source>
        <translation>Вибрати іншу…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Вийти</translation>
    </message>
    <message>
        <source>Taskdesk Database</source>
        <translation>База даних Taskdesk</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>Бази даних SQLite (*.db *.sqlite);;Усі файли (*)</translation>
    </message>
    <message>
        <source>Taskdesk</source>
        <translation>Taskdesk</translation>
    </message>
    <message>
        <source>There is no database at %1.</source>
        <translation>За шляхом %1 немає бази даних.</translation>
    </message>
    <message>
        <source>Its folder %1 does not exist either.</source>
        <translation>Теки %1 теж немає.</translation>
    </message>
    <message>
        <source>Create a new, empty database there, choose another database file, or quit and check the path.</source>
        <translation>Створіть там нову порожню базу даних, виберіть інший файл бази даних або вийдіть і перевірте шлях.</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ProcessDialog</name>
    <message>
        <source>Start it whenever a supervisor takes over its host</source>
        <translation>Запускати, коли супервізор бере його хост</translation>
    </message>
    <message>
        <source>Edit Process</source>
        <translation>Змінити процес</translation>
    </message>
    <message>
        <source>Add Process</source>
        <translation>Додати процес</translation>
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
        <translation>КЛЮЧ=ЗНАЧЕННЯ, по одному в рядку</translation>
    </message>
    <message>
        <source>any: the first supervisor that sees it</source>
        <translation>будь-який: перший супервізор, що його побачить</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Огляд…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Програма</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Аргументи</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>Робоча тека</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Середовище</translation>
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
        <translation>Час на зупинку</translation>
    </message>
    <message>
        <source>FATAL after failures</source>
        <translation>FATAL після збоїв</translation>
    </message>
    <message>
        <source>Arguments: %1</source>
        <translation>Аргументи: %1</translation>
    </message>
    <message>
        <source>Environment: &apos;%1&apos; is not KEY=VALUE</source>
        <translation>Середовище: «%1» — не КЛЮЧ=ЗНАЧЕННЯ</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ProcessTableModel</name>
    <message>
        <source>Stopped</source>
        <translation>Зупинено</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Запускається</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Працює</translation>
    </message>
    <message>
        <source>Backoff</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Зупиняється</translation>
    </message>
    <message>
        <source>Exited</source>
        <translation>Завершено</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>Збій</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <source>Wanted</source>
        <translation>Потрібно</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Час роботи</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>Перезапуски</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Збої</translation>
    </message>
    <message>
        <source>Last exit</source>
        <translation>Останній вихід</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Повідомлення</translation>
    </message>
    <message>
        <source>running</source>
        <translation>працює</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>зупинено</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ProcessesView</name>
    <message>
        <source>Start</source>
        <translation>Запустити</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Зупинити</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Перезапустити</translation>
    </message>
    <message>
        <source>Start All</source>
        <translation>Запустити всі</translation>
    </message>
    <message>
        <source>Stop All</source>
        <translation>Зупинити всі</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Додати…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Змінити…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Вилучити</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Вивід</translation>
    </message>
    <message>
        <source>%1 is running (pid %2).</source>
        <translation>%1 працює (pid %2).</translation>
    </message>
    <message>
        <source>%1 has stopped.</source>
        <translation>%1 зупинено.</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Воркери</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Планувальник</translation>
    </message>
    <message>
        <source>Scheduler: running in this app</source>
        <translation>Планувальник: працює в цій програмі</translation>
    </message>
    <message>
        <source>Scheduler: on standby in this app (another one holds the lease)</source>
        <translation>Планувальник: у резерві в цій програмі (блокування тримає інший)</translation>
    </message>
    <message>
        <source>%1: FATAL %2</source>
        <translation>%1: FATAL %2</translation>
    </message>
    <message>
        <source>%1: running</source>
        <translation>%1: працюють</translation>
    </message>
    <message>
        <source>%1: all %2 running</source>
        <translation>%1: працюють усі %2</translation>
    </message>
    <message>
        <source>%1: stopped</source>
        <translation>%1: зупинено</translation>
    </message>
    <message>
        <source>%1: %2 of %3 stopped</source>
        <translation>%1: зупинено %2 з %3</translation>
    </message>
    <message>
        <source>No processes</source>
        <translation>Процесів немає</translation>
    </message>
    <message>
        <source>Output of %1</source>
        <translation>Вивід %1</translation>
    </message>
    <message>
        <source>Only an admin (the taskdesk_admin role) may add, edit or remove process definitions</source>
        <translation>Додавати, змінювати й вилучати описи процесів може лише адміністратор (роль taskdesk_admin)</translation>
    </message>
    <message>
        <source>No supervisor runs for its host yet: it happens when one does (a Taskdesk window or taskdeskctl supervise).</source>
        <translation>Для його хоста ще не працює жоден супервізор: це станеться, коли він з’явиться (вікно Taskdesk або taskdeskctl supervise).</translation>
    </message>
    <message>
        <source>Starting %1.</source>
        <translation>Запуск %1.</translation>
    </message>
    <message>
        <source>Stop %1?</source>
        <translation>Зупинити %1?</translation>
    </message>
    <message>
        <source>The worker gets SIGTERM, then SIGKILL after %1 s. Tasks it is still running are marked FAILED (worker_stopped).</source>
        <translation>Воркер отримає SIGTERM, а через %1 с — SIGKILL. Задачі, які він ще виконує, отримають статус «Помилка» (worker_stopped).</translation>
    </message>
    <message>
        <source>The process gets SIGTERM, then SIGKILL after %1 s.</source>
        <translation>Процес отримає SIGTERM, а через %1 с — SIGKILL.</translation>
    </message>
    <message>
        <source>Stopping %1.</source>
        <translation>Зупинка %1.</translation>
    </message>
    <message>
        <source>Restart %1?</source>
        <translation>Перезапустити %1?</translation>
    </message>
    <message>
        <source>The worker stops and starts again. Tasks it is still running are marked FAILED (worker_stopped).</source>
        <translation>Воркер зупиниться й запуститься знову. Задачі, які він ще виконує, отримають статус «Помилка» (worker_stopped).</translation>
    </message>
    <message>
        <source>The process stops and starts again.</source>
        <translation>Процес зупиниться й запуститься знову.</translation>
    </message>
    <message>
        <source>Restarting %1.</source>
        <translation>Перезапуск %1.</translation>
    </message>
    <message numerus="yes">
        <source>Starting %n process(es).</source>
        <translation>
            <numerusform>Запуск %n процесу.</numerusform>
            <numerusform>Запуск %n процесів.</numerusform>
            <numerusform>Запуск %n процесів.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stop all %n process(es)?</source>
        <translation>
            <numerusform>Зупинити %n процес?</numerusform>
            <numerusform>Зупинити всі %n процеси?</numerusform>
            <numerusform>Зупинити всі %n процесів?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each gets SIGTERM, then SIGKILL after its stop grace time.</source>
        <translation>Кожен отримає SIGTERM, а після свого часу на зупинку — SIGKILL.</translation>
    </message>
    <message numerus="yes">
        <source>Tasks still running on the %n worker(s) that stop are marked FAILED (worker_stopped).</source>
        <translation>
            <numerusform>Задачі, які ще виконує воркер, що зупиняється (%n), отримають статус «Помилка» (worker_stopped).</numerusform>
            <numerusform>Задачі, які ще виконують %n воркери, що зупиняються, отримають статус «Помилка» (worker_stopped).</numerusform>
            <numerusform>Задачі, які ще виконують %n воркерів, що зупиняються, отримають статус «Помилка» (worker_stopped).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopping %n process(es).</source>
        <translation>
            <numerusform>Зупинка %n процесу.</numerusform>
            <numerusform>Зупинка %n процесів.</numerusform>
            <numerusform>Зупинка %n процесів.</numerusform>
        </translation>
    </message>
    <message>
        <source>Added %1; start it when you want it running.</source>
        <translation>Додано %1; запустіть його, коли він знадобиться.</translation>
    </message>
    <message>
        <source>Saved %1; a running process gets the change at its next start.</source>
        <translation>Збережено: %1; процес, що працює, отримає зміни під час наступного запуску.</translation>
    </message>
    <message>
        <source>Remove the process %1?</source>
        <translation>Вилучити процес %1?</translation>
    </message>
    <message>
        <source>Its definition and output are deleted. A process that is wanted running or still alive must be stopped first.</source>
        <translation>Його опис і вивід буде видалено. Процес, який має працювати або ще живий, спершу треба зупинити.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>Вилучено %1.</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ProgressDelegate</name>
    <message>
        <source>Cancel this task</source>
        <translation>Скасувати цю задачу</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ScheduleDialog</name>
    <message>
        <source>Every</source>
        <translation>Кожні</translation>
    </message>
    <message>
        <source>Cron (UTC)</source>
        <translation>Cron (UTC)</translation>
    </message>
    <message>
        <source>Add Schedule</source>
        <translation>Додати розклад</translation>
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
        <translation>Назва</translation>
    </message>
    <message>
        <source>Task kind</source>
        <translation>Вид задачі</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Черга</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Пріоритет</translation>
    </message>
    <message>
        <source>Arguments (JSON)</source>
        <translation>Аргументи (JSON)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Коли</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ScheduleTableModel</name>
    <message>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Черга</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Коли</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Увімк.</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Наступний запуск</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Останній запуск</translation>
    </message>
    <message>
        <source>Last task</source>
        <translation>Остання задача</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>так</translation>
    </message>
    <message>
        <source>no</source>
        <translation>ні</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SchedulesView</name>
    <message>
        <source>Add…</source>
        <translation>Додати…</translation>
    </message>
    <message>
        <source>Enable / Disable</source>
        <translation>Увімкнути / вимкнути</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Вилучити</translation>
    </message>
    <message>
        <source>Added the schedule %1.</source>
        <translation>Додано розклад %1.</translation>
    </message>
    <message>
        <source>Enabled %1.</source>
        <translation>Увімкнено: %1.</translation>
    </message>
    <message>
        <source>Disabled %1.</source>
        <translation>Вимкнено: %1.</translation>
    </message>
    <message>
        <source>Remove Schedule</source>
        <translation>Вилучити розклад</translation>
    </message>
    <message>
        <source>Remove the schedule %1?</source>
        <translation>Вилучити розклад %1?</translation>
    </message>
    <message>
        <source>No more tasks are enqueued for it; the tasks it made stay.</source>
        <translation>Нові задачі за ним більше не ставляться в чергу; уже створені ним задачі лишаються.</translation>
    </message>
    <message>
        <source>Removed the schedule %1.</source>
        <translation>Розклад %1 вилучено.</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SettingsDialog</name>
    <message>
        <source>Run the sweeper in this app</source>
        <translation>Запускати чистильник тут</translation>
    </message>
    <message>
        <source>Run the scheduler in this app</source>
        <translation>Запускати планувальник тут</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Огляд…</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> мс</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Як у системі</translation>
    </message>
    <message>
        <source>Applies at the next start.</source>
        <translation>Застосовується під час наступного запуску.</translation>
    </message>
    <message>
        <source>This desktop</source>
        <translation>Цей комп’ютер</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>Поточна база даних</translation>
    </message>
    <message>
        <source>Database at the next start</source>
        <translation>База з наступного запуску</translation>
    </message>
    <message>
        <source>A file path, sqlite:///path or postgresql://user@host/db; empty: TASKDESK_DB, else the default file. --db comes first.</source>
        <translation>Шлях до файлу, sqlite:///шлях або postgresql://user@host/db; порожньо: TASKDESK_DB, інакше типовий файл. --db важливіше.</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Ім’я оператора</translation>
    </message>
    <message>
        <source>Refresh every</source>
        <translation>Оновлювати кожні</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Мова</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source> min</source>
        <translation> хв</translation>
    </message>
    <message>
        <source>Report them only</source>
        <translation>Лише повідомляти</translation>
    </message>
    <message>
        <source>Mark them failed</source>
        <translation>Позначати як помилку</translation>
    </message>
    <message>
        <source>never re-queue</source>
        <translation>не повертати в чергу</translation>
    </message>
    <message>
        <source>Sweeper rules (shared by every host)</source>
        <translation>Правила чистильника (спільні для всіх хостів)</translation>
    </message>
    <message>
        <source>Sweep every</source>
        <translation>Перевіряти кожні</translation>
    </message>
    <message>
        <source>Running task is stuck after no heartbeat for</source>
        <translation>Застрягла без пульсу через</translation>
    </message>
    <message>
        <source>Pending task is stuck after waiting</source>
        <translation>Застрягла в черзі через</translation>
    </message>
    <message>
        <source>Tasks stuck in the queue</source>
        <translation>Задачі, що застрягли в черзі</translation>
    </message>
    <message>
        <source>Fail a task lost this many times in a row</source>
        <translation>Помилка після стількох утрат поспіль</translation>
    </message>
    <message>
        <source>Re-queue a lost task to run after</source>
        <translation>Утрачену — у чергу через</translation>
    </message>
    <message>
        <source>Doubled at each attempt, at most</source>
        <translation>Удвічі з кожною спробою, до</translation>
    </message>
    <message>
        <source>The rules could not be read: %1</source>
        <translation>Не вдалося прочитати правила: %1</translation>
    </message>
    <message>
        <source>Changes apply to every sweeper at its next pass, and are audited.</source>
        <translation>Зміни застосовуються до кожного чистильника під час його наступного проходу й записуються в журнал аудиту.</translation>
    </message>
    <message>
        <source>Read-only: the rules are shown, not changed.</source>
        <translation>Лише читання: правила показано, але не змінюються.</translation>
    </message>
    <message>
        <source>Taskdesk Database</source>
        <translation>База даних Taskdesk</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>Бази даних SQLite (*.db *.sqlite);;Усі файли (*)</translation>
    </message>
    <message>
        <source>The sweeper rules were not saved: %1</source>
        <translation>Правила чистильника не збережено: %1</translation>
    </message>
    <message>
        <source>the sweeper rules</source>
        <translation>правила чистильника</translation>
    </message>
    <message>
        <source>your preferences</source>
        <translation>ваші налаштування</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Збережено %1.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> і </translation>
    </message>
    <message>
        <source>The new database is used from the next start.</source>
        <translation>Нова база даних використовуватиметься з наступного запуску.</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>Нова мова використовуватиметься з наступного запуску.</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SourceDetailPane</name>
    <message>
        <source>Item</source>
        <translation>Елемент</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Початок</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Кінець</translation>
    </message>
    <message>
        <source>No log</source>
        <translation>Журналу немає</translation>
    </message>
    <message>
        <source>No row selected</source>
        <translation>Рядок не вибрано</translation>
    </message>
    <message>
        <source>Select a row to see its fields, its items and its log.</source>
        <translation>Виберіть рядок, щоб побачити його поля, елементи й журнал.</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>Рядок %1</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Рядок %1: %2</translation>
    </message>
    <message>
        <source>Stored status: %1</source>
        <translation>Статус у таблиці: %1</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>Вид: %1</translation>
    </message>
    <message>
        <source>Queue: %1</source>
        <translation>Черга: %1</translation>
    </message>
    <message>
        <source>Progress: %1 of %2</source>
        <translation>Прогрес: %1 з %2</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Створено: %1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Початок: %1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>Кінець: %1</translation>
    </message>
    <message>
        <source>Changed: %1</source>
        <translation>Змінено: %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Помилка: %1</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SourceStuckPanel</name>
    <message>
        <source>Mark them failed</source>
        <translation>Позначати як помилку</translation>
    </message>
    <message>
        <source>Retry: running ones pending again</source>
        <translation>Повтор: виконувані знову в чергу</translation>
    </message>
    <message>
        <source>Clean Up…</source>
        <translation>Очистити…</translation>
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
        <translation>Остання зміна</translation>
    </message>
    <message>
        <source>The source %1 could not be read: %2</source>
        <translation>Не вдалося прочитати джерело %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n running with no change for over %1 min</source>
        <translation>
            <numerusform>%n виконується без змін понад %1 хв</numerusform>
            <numerusform>%n виконуються без змін понад %1 хв</numerusform>
            <numerusform>%n виконуються без змін понад %1 хв</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending for over %1 min</source>
        <translation>
            <numerusform>%n очікує понад %1 хв</numerusform>
            <numerusform>%n очікують понад %1 хв</numerusform>
            <numerusform>%n очікують понад %1 хв</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>(the oldest %1 shown)</source>
        <translation>(показано %1 найстаріших)</translation>
    </message>
    <message>
        <source>The source %1 is attached read-only.</source>
        <translation>Джерело %1 підключено лише для читання.</translation>
    </message>
    <message>
        <source>The clean-up of %1 did not happen: %2</source>
        <translation>Очищення джерела %1 не виконано: %2</translation>
    </message>
    <message>
        <source>Retry makes running rows pending again, and none of %1 is stuck. Nothing was changed.</source>
        <translation>Повтор повертає в чергу виконувані рядки, а в %1 жоден із них не застряг. Нічого не змінено.</translation>
    </message>
    <message>
        <source>Nothing is stuck in %1 any more. Nothing was changed.</source>
        <translation>У %1 більше нічого не застрягло. Нічого не змінено.</translation>
    </message>
    <message>
        <source>Clean Up Stuck Rows</source>
        <translation>Очищення застряглих рядків</translation>
    </message>
    <message numerus="yes">
        <source>Clean up %n stuck row(s) of %1?</source>
        <translation>
            <numerusform>Очистити %n застряглий рядок джерела %1?</numerusform>
            <numerusform>Очистити %n застряглі рядки джерела %1?</numerusform>
            <numerusform>Очистити %n застряглих рядків джерела %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each row gets %1 in its column %2, and its running items are stopped; the program that runs it may still be working on it.</source>
        <translation>Кожен рядок отримає %1 у стовпці %2, а його елементи в роботі буде зупинено; програма, що його виконує, може ще працювати над ним.</translation>
    </message>
    <message>
        <source>Each running row is marked %1, then gets %2 in its column %3, for its program to run it again; pending rows are left as they are.</source>
        <translation>Кожен виконуваний рядок позначається %1, потім отримує %2 у стовпці %3, щоб його програма виконала його знову; рядки в черзі залишаються як є.</translation>
    </message>
    <message>
        <source>Row %1 (%2)</source>
        <translation>Рядок %1 (%2)</translation>
    </message>
    <message>
        <source>Row %1 “%2” (%3)</source>
        <translation>Рядок %1 «%2» (%3)</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more: rows %1.</source>
        <translation>
            <numerusform>…і ще %n: рядок %1.</numerusform>
            <numerusform>…і ще %n: рядки %1.</numerusform>
            <numerusform>…і ще %n: рядки %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>A row that changed since it was read, or became stuck after this question, is left as it is.</source>
        <translation>Рядок, що змінився після читання або застряг після цього питання, залишається як є.</translation>
    </message>
    <message numerus="yes">
        <source>Clean Up %n Row(s)</source>
        <translation>
            <numerusform>Очистити %n рядок</numerusform>
            <numerusform>Очистити %n рядки</numerusform>
            <numerusform>Очистити %n рядків</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep As Is</source>
        <translation>Залишити як є</translation>
    </message>
    <message numerus="yes">
        <source>Clean-up of %1: %n row(s) changed.</source>
        <translation>
            <numerusform>Очищення %1: змінено %n рядок.</numerusform>
            <numerusform>Очищення %1: змінено %n рядки.</numerusform>
            <numerusform>Очищення %1: змінено %n рядків.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) refused.</source>
        <translation>
            <numerusform>%n рядок відхилено.</numerusform>
            <numerusform>%n рядки відхилено.</numerusform>
            <numerusform>%n рядків відхилено.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them no longer stuck.</source>
        <translation>
            <numerusform>%n з них більше не застряг.</numerusform>
            <numerusform>%n з них більше не застрягли.</numerusform>
            <numerusform>%n з них більше не застрягли.</numerusform>
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
        <translation>%1 (у таблиці: %2)</translation>
    </message>
    <message>
        <source>%1: a value the mapping does not map; shown as stored, and no action changes it</source>
        <translation>%1: значення, якого немає у зіставленні; показано як є, і жодна дія його не змінює</translation>
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
        <translation>Черга</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Прогрес</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Створено</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Початок</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Кінець</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Змінено</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SourceView</name>
    <message>
        <source>Retry</source>
        <translation>Повторити</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Оновити</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Знайти</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Далі</translation>
    </message>
    <message>
        <source>Force Stop</source>
        <translation>Примусово зупинити</translation>
    </message>
    <message>
        <source>Mark the selected running rows failed (%1)</source>
        <translation>Перевести вибрані рядки в роботі в «Помилка» (%1)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <source>Mark the selected pending or running rows failed (%1)</source>
        <translation>Перевести вибрані рядки в черзі або в роботі в «Помилка» (%1)</translation>
    </message>
    <message>
        <source>Make the selected failed rows pending again (%1)</source>
        <translation>Повернути вибрані рядки з помилкою в чергу (%1)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Видалити</translation>
    </message>
    <message>
        <source>Delete the selected rows that are not running (%1)</source>
        <translation>Видалити вибрані рядки, що не в роботі (%1)</translation>
    </message>
    <message>
        <source>Read the rows again (F5)</source>
        <translation>Перечитати рядки (F5)</translation>
    </message>
    <message>
        <source>Search title, kind, queue, error or key</source>
        <translation>Пошук за заголовком, видом, чергою, помилкою або ключем</translation>
    </message>
    <message>
        <source>Connecting to the source %1…</source>
        <translation>Підключення до джерела %1…</translation>
    </message>
    <message>
        <source>The source %1 could not be opened: %2</source>
        <translation>Не вдалося відкрити джерело %1: %2</translation>
    </message>
    <message>
        <source>Nothing was changed. Retry connects again.</source>
        <translation>Нічого не змінено. «Повторити» підключається знову.</translation>
    </message>
    <message>
        <source>The source %1 could not be read: %2</source>
        <translation>Не вдалося прочитати джерело %1: %2</translation>
    </message>
    <message>
        <source>No rows match.</source>
        <translation>Відповідних рядків немає.</translation>
    </message>
    <message>
        <source>Rows %1–%2 of %3</source>
        <translation>Рядки %1–%2 з %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(немає)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Усі</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>У черзі</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>У роботі</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Помилка</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>Застряглі</translation>
    </message>
    <message>
        <source>Not mapped</source>
        <translation>Не зіставлені</translation>
    </message>
    <message>
        <source>Rows whose status value the mapping does not map; they are shown as stored and no action changes them.
%1</source>
        <translation>Рядки, значення статусу яких не зіставлено; вони показані як є, і жодна дія їх не змінює.
%1</translation>
    </message>
    <message numerus="yes">
        <source>Force stop %n row(s) of %1?</source>
        <translation>
            <numerusform>Примусово зупинити %n рядок джерела %1?</numerusform>
            <numerusform>Примусово зупинити %n рядки джерела %1?</numerusform>
            <numerusform>Примусово зупинити %n рядків джерела %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each row gets %1 in its column %2, and its running items are stopped.</source>
        <translation>Кожен рядок отримає %1 у стовпці %2, а його елементи в роботі буде зупинено.</translation>
    </message>
    <message numerus="yes">
        <source>Force Stop %n Row(s)</source>
        <translation>
            <numerusform>Зупинити %n рядок</numerusform>
            <numerusform>Зупинити %n рядки</numerusform>
            <numerusform>Зупинити %n рядків</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n row(s) of %1?</source>
        <translation>
            <numerusform>Скасувати %n рядок джерела %1?</numerusform>
            <numerusform>Скасувати %n рядки джерела %1?</numerusform>
            <numerusform>Скасувати %n рядків джерела %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n Row(s)</source>
        <translation>
            <numerusform>Скасувати %n рядок</numerusform>
            <numerusform>Скасувати %n рядки</numerusform>
            <numerusform>Скасувати %n рядків</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retry %n row(s) of %1?</source>
        <translation>
            <numerusform>Повторити %n рядок джерела %1?</numerusform>
            <numerusform>Повторити %n рядки джерела %1?</numerusform>
            <numerusform>Повторити %n рядків джерела %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each row gets %1 in its column %2, for its program to run it again.</source>
        <translation>Кожен рядок отримає %1 у стовпці %2, щоб його програма виконала його знову.</translation>
    </message>
    <message numerus="yes">
        <source>Retry %n Row(s)</source>
        <translation>
            <numerusform>Повторити %n рядок</numerusform>
            <numerusform>Повторити %n рядки</numerusform>
            <numerusform>Повторити %n рядків</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n row(s) of %1?</source>
        <translation>
            <numerusform>Видалити %n рядок джерела %1?</numerusform>
            <numerusform>Видалити %n рядки джерела %1?</numerusform>
            <numerusform>Видалити %n рядків джерела %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each row is deleted from the table %1 for good; the audit log keeps a record of it.</source>
        <translation>Кожен рядок буде видалено з таблиці %1 назавжди; журнал аудиту збереже запис про нього.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n Row(s)</source>
        <translation>
            <numerusform>Видалити %n рядок</numerusform>
            <numerusform>Видалити %n рядки</numerusform>
            <numerusform>Видалити %n рядків</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1 (%2)</source>
        <translation>Рядок %1 (%2)</translation>
    </message>
    <message>
        <source>Row %1 “%2” (%3)</source>
        <translation>Рядок %1 «%2» (%3)</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…і ще %n.</numerusform>
            <numerusform>…і ще %n.</numerusform>
            <numerusform>…і ще %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>A row that changed since you looked is left as it is.</source>
        <translation>Рядок, що змінився відтоді, як ви його бачили, залишиться як є.</translation>
    </message>
    <message numerus="yes">
        <source>Left out: %n selected row(s) whose status does not allow this.</source>
        <translation>
            <numerusform>Пропущено %n вибраний рядок: його статус цього не допускає.</numerusform>
            <numerusform>Пропущено %n вибрані рядки: їхній статус цього не допускає.</numerusform>
            <numerusform>Пропущено %n вибраних рядків: їхній статус цього не допускає.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep As Is</source>
        <translation>Залишити як є</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) force stopped.</source>
        <translation>
            <numerusform>%n рядок примусово зупинено.</numerusform>
            <numerusform>%n рядки примусово зупинено.</numerusform>
            <numerusform>%n рядків примусово зупинено.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) cancelled and marked failed.</source>
        <translation>
            <numerusform>%n рядок скасовано й позначено як помилку.</numerusform>
            <numerusform>%n рядки скасовано й позначено як помилку.</numerusform>
            <numerusform>%n рядків скасовано й позначено як помилку.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) pending again.</source>
        <translation>
            <numerusform>%n рядок знову в черзі.</numerusform>
            <numerusform>%n рядки знову в черзі.</numerusform>
            <numerusform>%n рядків знову в черзі.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) deleted.</source>
        <translation>
            <numerusform>%n рядок видалено.</numerusform>
            <numerusform>%n рядки видалено.</numerusform>
            <numerusform>%n рядків видалено.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) changed with them.</source>
        <translation>
            <numerusform>Разом із ними змінено %n елемент.</numerusform>
            <numerusform>Разом із ними змінено %n елементи.</numerusform>
            <numerusform>Разом із ними змінено %n елементів.</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1 is gone (deleted by someone else); nothing was changed.</source>
        <translation>Рядка %1 більше немає (його видалив хтось інший); нічого не змінено.</translation>
    </message>
    <message>
        <source>Row %1 is %2 now (it was %3 when you looked); nothing was changed.</source>
        <translation>Рядок %1 тепер %2 (коли ви дивилися, був %3); нічого не змінено.</translation>
    </message>
    <message>
        <source>Row %1 is %2, which this action is not taken from; nothing was changed.</source>
        <translation>Рядок %1 у статусі %2, з якого ця дія не виконується; нічого не змінено.</translation>
    </message>
    <message>
        <source>Row %1 changed since you looked; nothing was changed.</source>
        <translation>Рядок %1 змінився відтоді, як ви його бачили; нічого не змінено.</translation>
    </message>
    <message>
        <source>Row %1 was refused: %2</source>
        <translation>Рядок %1 відхилено: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n more row(s) refused.</source>
        <translation>
            <numerusform>Відхилено ще %n рядок.</numerusform>
            <numerusform>Відхилено ще %n рядки.</numerusform>
            <numerusform>Відхилено ще %n рядків.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) failed: %1</source>
        <translation>
            <numerusform>Не вдалося для %n рядка: %1</numerusform>
            <numerusform>Не вдалося для %n рядків: %1</numerusform>
            <numerusform>Не вдалося для %n рядків: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>· table %1 in %2 · read-only</source>
        <translation>· таблиця %1 у %2 · лише читання</translation>
    </message>
    <message>
        <source>· table %1 in %2</source>
        <translation>· таблиця %1 у %2</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::SourceWizard</name>
    <message>
        <source>(none)</source>
        <translation>(немає)</translation>
    </message>
    <message>
        <source>Attach a Table</source>
        <translation>Підключити таблицю</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Підключення</translation>
    </message>
    <message>
        <source>The database of the program whose job table Taskdesk should show.</source>
        <translation>База даних програми, таблицю завдань якої має показувати Taskdesk.</translation>
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
        <translation>Вибрати…</translation>
    </message>
    <message>
        <source>SQLite File</source>
        <translation>Файл SQLite</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Бази SQLite (*.sqlite3 *.sqlite *.db);;Усі файли (*)</translation>
    </message>
    <message>
        <source>Read-only: show the rows, change nothing</source>
        <translation>Лише читання: показувати рядки, нічого не змінювати</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Ім’я:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>База даних:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Розташування:</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Таблиця</translation>
    </message>
    <message>
        <source>The table that holds one row per job.</source>
        <translation>Таблиця, у якій один рядок — одне завдання.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Перегляд</translation>
    </message>
    <message>
        <source>The columns as the database names them, the status values present with their rows, and the first rows.</source>
        <translation>Стовпці так, як їх називає база, наявні значення статусу з кількістю рядків і перші рядки.</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>Зіставлення</translation>
    </message>
    <message>
        <source>Which column means what. Suggested from the table; every part can be changed.</source>
        <translation>Який стовпець що означає. Запропоновано за таблицею; усе можна змінити.</translation>
    </message>
    <message>
        <source>One or more columns, separated by commas</source>
        <translation>Один або кілька стовпців через кому</translation>
    </message>
    <message>
        <source>A boolean column (true: running, false: completed)</source>
        <translation>Логічний стовпець (true — у роботі, false — готово)</translation>
    </message>
    <message>
        <source>Allow Delete on its rows</source>
        <translation>Дозволити видалення його рядків</translation>
    </message>
    <message>
        <source> min</source>
        <translation> хв</translation>
    </message>
    <message>
        <source>Sweep its stuck rows periodically</source>
        <translation>Періодично розбирати його застряглі рядки</translation>
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
        <translation>Черга:</translation>
    </message>
    <message>
        <source>Status column:</source>
        <translation>Стовпець статусу:</translation>
    </message>
    <message>
        <source>Status values:</source>
        <translation>Значення статусу:</translation>
    </message>
    <message>
        <source>Failed value (written by Force Stop, Cancel):</source>
        <translation>Значення помилки (пишуть зупинка й скасування):</translation>
    </message>
    <message>
        <source>Pending value (written by Retry):</source>
        <translation>Значення черги (пише повтор):</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Створено:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Початок:</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>Кінець:</translation>
    </message>
    <message>
        <source>Changed:</source>
        <translation>Змінено:</translation>
    </message>
    <message>
        <source>not a time</source>
        <translation>не час</translation>
    </message>
    <message>
        <source>timestamp with time zone</source>
        <translation>мітка часу з часовим поясом</translation>
    </message>
    <message>
        <source>timestamp (UTC)</source>
        <translation>мітка часу (UTC)</translation>
    </message>
    <message>
        <source>ISO text</source>
        <translation>текст ISO</translation>
    </message>
    <message>
        <source>epoch seconds</source>
        <translation>секунди з 1970 року</translation>
    </message>
    <message>
        <source>epoch milliseconds</source>
        <translation>мілісекунди з 1970 року</translation>
    </message>
    <message>
        <source>Log:</source>
        <translation>Журнал:</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Помилка:</translation>
    </message>
    <message>
        <source>Fence (changes with every write):</source>
        <translation>Захисний стовпець (змінюється з кожним записом):</translation>
    </message>
    <message>
        <source>Stuck when pending for:</source>
        <translation>Застрягло, якщо в черзі довше:</translation>
    </message>
    <message>
        <source>Stuck when running unchanged for:</source>
        <translation>Застрягло, якщо в роботі без змін довше:</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Перевірка</translation>
    </message>
    <message>
        <source>The mapping against the table, each action as a dry run on one row (rolled back), and the indexes a sort or filter needs.</source>
        <translation>Зіставлення проти таблиці, кожна дія пробним запуском на одному рядку (з відкатом) та індекси, потрібні сортуванню чи фільтру.</translation>
    </message>
    <message>
        <source>The name cannot be used: %1</source>
        <translation>Це ім’я не можна використати: %1</translation>
    </message>
    <message>
        <source>Give the database&apos;s file or URL.</source>
        <translation>Вкажіть файл або URL бази даних.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Підключення…</translation>
    </message>
    <message>
        <source>No connection: %1</source>
        <translation>Немає підключення: %1</translation>
    </message>
    <message>
        <source>The database holds no tables.</source>
        <translation>У базі даних немає таблиць.</translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation>Виберіть таблицю.</translation>
    </message>
    <message>
        <source>Reading the table…</source>
        <translation>Читання таблиці…</translation>
    </message>
    <message>
        <source>The table %1 cannot be attached: %2</source>
        <translation>Таблицю %1 не можна підключити: %2</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>Стовпці:</translation>
    </message>
    <message>
        <source>primary key</source>
        <translation>первинний ключ</translation>
    </message>
    <message>
        <source>indexed</source>
        <translation>є індекс</translation>
    </message>
    <message>
        <source>references %1</source>
        <translation>посилається на %1</translation>
    </message>
    <message>
        <source>Status values in %1:</source>
        <translation>Значення статусу в %1:</translation>
    </message>
    <message numerus="yes">
        <source>  %1: %n row(s)</source>
        <translation>
            <numerusform>  %1: %n рядок</numerusform>
            <numerusform>  %1: %n рядки</numerusform>
            <numerusform>  %1: %n рядків</numerusform>
        </translation>
    </message>
    <message>
        <source>not mapped</source>
        <translation>не зіставлено</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n row(s)):</source>
        <translation>
            <numerusform>%1 (%n рядок):</numerusform>
            <numerusform>%1 (%n рядки):</numerusform>
            <numerusform>%1 (%n рядків):</numerusform>
        </translation>
    </message>
    <message>
        <source>Say how the column %1 keeps its time.</source>
        <translation>Вкажіть, як стовпець %1 зберігає час.</translation>
    </message>
    <message>
        <source>The mapping cannot be used: %1</source>
        <translation>Це зіставлення не можна використати: %1</translation>
    </message>
    <message>
        <source>Testing the mapping…</source>
        <translation>Перевірка зіставлення…</translation>
    </message>
    <message>
        <source>%1: read-only, not tried</source>
        <translation>%1: лише читання, не перевірялося</translation>
    </message>
    <message>
        <source>%1: no row to try it on</source>
        <translation>%1: немає рядка для перевірки</translation>
    </message>
    <message>
        <source>%1 on row %2: failed: %3</source>
        <translation>%1 на рядку %2: збій: %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 on row %2: would write %3 (was %4), %n item(s); rolled back</source>
        <translation>
            <numerusform>%1 на рядку %2: записав би %3 (було %4), %n елемент; відкочено</numerusform>
            <numerusform>%1 на рядку %2: записав би %3 (було %4), %n елементи; відкочено</numerusform>
            <numerusform>%1 на рядку %2: записав би %3 (було %4), %n елементів; відкочено</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on row %2: refused: %3</source>
        <translation>%1 на рядку %2: відхилено: %3</translation>
    </message>
    <message>
        <source>Every sort and filter is served by an index.</source>
        <translation>Кожне сортування й фільтр обслуговує індекс.</translation>
    </message>
    <message>
        <source>Index advice: %1</source>
        <translation>Порада щодо індексу: %1</translation>
    </message>
    <message>
        <source>The mapping does not fit the table: %1</source>
        <translation>Зіставлення не підходить до таблиці: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Збереження…</translation>
    </message>
    <message>
        <source>The source was not saved: %1</source>
        <translation>Джерело не збережено: %1</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::StatsView</name>
    <message numerus="yes">
        <source>Last %n hour(s)</source>
        <translation>
            <numerusform>За останню %n годину</numerusform>
            <numerusform>За останні %n години</numerusform>
            <numerusform>За останні %n годин</numerusform>
        </translation>
    </message>
    <message>
        <source>Throughput and failures</source>
        <translation>Продуктивність і помилки</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>Застряглі</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Усі задачі</translation>
    </message>
    <message>
        <source>Completed in window</source>
        <translation>Завершено за період</translation>
    </message>
    <message>
        <source>Failed in window</source>
        <translation>З помилкою за період</translation>
    </message>
    <message>
        <source>Failure rate</source>
        <translation>Частка помилок</translation>
    </message>
    <message>
        <source>Finished per hour</source>
        <translation>Закінчено за годину</translation>
    </message>
    <message>
        <source>Average duration</source>
        <translation>Середня тривалість</translation>
    </message>
    <message>
        <source>%1 queued · %2 running</source>
        <translation>у черзі: %1 · виконуються: %2</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::StatusBadgeDelegate</name>
    <message>
        <source>⚠ stuck</source>
        <translation>⚠ застрягла</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::StuckTableModel</name>
    <message>
        <source>mark FAILED</source>
        <translation>позначити як помилку</translation>
    </message>
    <message>
        <source>leave waiting</source>
        <translation>залишити в черзі</translation>
    </message>
    <message>
        <source>re-queue now</source>
        <translation>повернути в чергу зараз</translation>
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
        <translation>Назва</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Черга</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Скільки</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Воркер</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Спроби</translation>
    </message>
    <message>
        <source>Clean-up would</source>
        <translation>Очищення</translation>
    </message>
    <message>
        <source>No heartbeat</source>
        <translation>Немає пульсу</translation>
    </message>
    <message>
        <source>Waiting in queue</source>
        <translation>Чекає в черзі</translation>
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
        <translation>Оновити список</translation>
    </message>
    <message>
        <source>Clean Up Now…</source>
        <translation>Очистити зараз…</translation>
    </message>
    <message>
        <source> min</source>
        <translation> хв</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Mark them failed</source>
        <translation>Позначати як помилку</translation>
    </message>
    <message>
        <source>Retry: re-queue running ones now</source>
        <translation>Повтор: повернути в чергу</translation>
    </message>
    <message>
        <source>Waiting in the queue longer than</source>
        <translation>У черзі довше ніж</translation>
    </message>
    <message>
        <source>Running without a heartbeat for</source>
        <translation>Виконується без пульсу довше</translation>
    </message>
    <message>
        <source>Clean-up action</source>
        <translation>Дія очищення</translation>
    </message>
    <message>
        <source>Selected task:</source>
        <translation>Вибрана задача:</translation>
    </message>
    <message>
        <source>The sweeper&apos;s decisions</source>
        <translation>Рішення чистильника</translation>
    </message>
    <message>
        <source>Nothing is stuck: no task waits in the queue longer than %1 and every running task sent a heartbeat within %2.</source>
        <translation>Застряглих немає: жодна задача не чекає в черзі довше %1, і кожна задача, що виконується, подала пульс у межах %2.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln stuck task(s): </source>
        <translation>
            <numerusform>%Ln застрягла задача: </numerusform>
            <numerusform>%Ln застряглі задачі: </numerusform>
            <numerusform>%Ln застряглих задач: </numerusform>
        </translation>
    </message>
    <message>
        <source>%1 waiting in the queue longer than %2</source>
        <translation>чекають у черзі довше %2 — %1</translation>
    </message>
    <message>
        <source>, %1 running without a heartbeat for %2</source>
        <translation>, виконуються без пульсу довше %2 — %1</translation>
    </message>
    <message>
        <source>The list shows the oldest: showing %1 of %2.</source>
        <translation>У списку найстаріші: показано %1 з %2.</translation>
    </message>
    <message>
        <source>Reading the stuck tasks…</source>
        <translation>Читання застряглих задач…</translation>
    </message>
    <message>
        <source>The clean-up did not happen: %1</source>
        <translation>Очищення не виконано: %1</translation>
    </message>
    <message>
        <source>Retry re-queues running tasks only, and none is stuck. Nothing was changed.</source>
        <translation>Повтор повертає в чергу лише задачі, що виконуються, а застряглих серед них немає. Нічого не змінено.</translation>
    </message>
    <message>
        <source>Nothing is stuck. Nothing was changed.</source>
        <translation>Застряглих немає. Нічого не змінено.</translation>
    </message>
    <message>
        <source>Clean Up Stuck Tasks</source>
        <translation>Очищення застряглих задач</translation>
    </message>
    <message numerus="yes">
        <source>Clean up %Ln stuck task(s)?</source>
        <translation>
            <numerusform>Очистити %Ln застряглу задачу?</numerusform>
            <numerusform>Очистити %Ln застряглі задачі?</numerusform>
            <numerusform>Очистити %Ln застряглих задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 waiting in the queue longer than %2 and %3 running without a heartbeat for %4 will be marked FAILED. Workers that are still running them lose them. Tasks that become stuck from now on are left for the next clean-up.</source>
        <translation>Задачі, що чекають у черзі довше %2 (%1), і задачі, що виконуються без пульсу довше %4 (%3), отримають статус «Помилка». Воркери, які ще їх виконують, їх утратять. Задачі, що застрягнуть після цього, залишаться до наступного очищення.</translation>
    </message>
    <message>
        <source>%1 running without a heartbeat for %2 go back to PENDING and run again; the %3 waiting in the queue are left as they are. Tasks that become stuck from now on are left for the next clean-up.</source>
        <translation>Задачі, що виконуються без пульсу довше %2 (%1), повернуться в статус «У черзі» й виконаються знову; ті, що чекають у черзі (%3), залишаться як є. Задачі, що застрягнуть після цього, залишаться до наступного очищення.</translation>
    </message>
    <message numerus="yes">
        <source>Clean Up %Ln task(s)</source>
        <translation>
            <numerusform>Очистити %Ln задачу</numerusform>
            <numerusform>Очистити %Ln задачі</numerusform>
            <numerusform>Очистити %Ln задач</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cleaning up %Ln stuck task(s)…</source>
        <translation>
            <numerusform>Очищення %Ln застряглої задачі…</numerusform>
            <numerusform>Очищення %Ln застряглих задач…</numerusform>
            <numerusform>Очищення %Ln застряглих задач…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was stuck any more: nothing was changed.</source>
        <translation>Застряглих уже не лишилося: нічого не змінено.</translation>
    </message>
    <message numerus="yes">
        <source>Cleaned up %Ln stuck task(s): </source>
        <translation>
            <numerusform>Очищено %Ln застряглу задачу: </numerusform>
            <numerusform>Очищено %Ln застряглі задачі: </numerusform>
            <numerusform>Очищено %Ln застряглих задач: </numerusform>
        </translation>
    </message>
    <message>
        <source>%1 marked failed, %2 re-queued.</source>
        <translation>з помилкою: %1, повернуто в чергу: %2.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the %1 named had changed meanwhile and were left alone.</source>
        <translation>
            <numerusform>%Ln з %1 названих тим часом змінилася й лишилася без змін.</numerusform>
            <numerusform>%Ln з %1 названих тим часом змінилися й лишилися без змін.</numerusform>
            <numerusform>%Ln з %1 названих тим часом змінилися й лишилися без змін.</numerusform>
        </translation>
    </message>
    <message>
        <source>Attached sources, by their own rules</source>
        <translation>Підключені джерела, за їхніми власними правилами</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::TaskActions</name>
    <message>
        <source>Force Stop</source>
        <translation>Примусово зупинити</translation>
    </message>
    <message>
        <source>Cancel Task</source>
        <translation>Скасувати задачу</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Перезапустити</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Видалити</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Оновити</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Знайти</translation>
    </message>
    <message>
        <source>Stop Action</source>
        <translation>Перервати дію</translation>
    </message>
    <message>
        <source>Stop the action in progress after the task in hand; the tasks it has not reached stay as they are</source>
        <translation>Перервати поточну дію після задачі в роботі; задачі, до яких вона не дійшла, залишаться як є</translation>
    </message>
    <message>
        <source>Mark the selected running tasks FAILED and stop their running items (%1)</source>
        <translation>Надати вибраним задачам, що виконуються, статус «Помилка» й зупинити їхні елементи, що виконуються (%1)</translation>
    </message>
    <message>
        <source>Cancel the selected pending or running tasks (%1)</source>
        <translation>Скасувати вибрані задачі в черзі або в роботі (%1)</translation>
    </message>
    <message>
        <source>Run the selected completed or failed tasks again (%1)</source>
        <translation>Знову виконати вибрані завершені або помилкові задачі (%1)</translation>
    </message>
    <message>
        <source>Delete the selected tasks that are not running (%1)</source>
        <translation>Видалити вибрані задачі, що не виконуються (%1)</translation>
    </message>
    <message>
        <source>Read everything again (F5)</source>
        <translation>Перечитати все (F5)</translation>
    </message>
    <message>
        <source>Search the tasks (%1)</source>
        <translation>Пошук задач (%1)</translation>
    </message>
    <message>
        <source>Stopping after the task in hand…</source>
        <translation>Зупинка після задачі в роботі…</translation>
    </message>
    <message>
        <source>Force stop this task?</source>
        <translation>Примусово зупинити цю задачу?</translation>
    </message>
    <message numerus="yes">
        <source>Force stop %Ln tasks?</source>
        <translation>
            <numerusform>Примусово зупинити %Ln задачу?</numerusform>
            <numerusform>Примусово зупинити %Ln задачі?</numerusform>
            <numerusform>Примусово зупинити %Ln задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>This will mark the task as FAILED and stop all running items. Use this if the task is stuck or not actually running.</source>
        <translation>Задача отримає статус «Помилка», усі її елементи, що виконуються, буде зупинено. Використовуйте, якщо задача застрягла або насправді не виконується.</translation>
    </message>
    <message numerus="yes">
        <source>This will mark the %Ln tasks as FAILED and stop all their running items. Use this if the tasks are stuck or not actually running.</source>
        <translation>
            <numerusform>%Ln задача отримає статус «Помилка», усі їхні елементи, що виконуються, буде зупинено. Використовуйте, якщо задачі застрягли або насправді не виконуються.</numerusform>
            <numerusform>%Ln задачі отримають статус «Помилка», усі їхні елементи, що виконуються, буде зупинено. Використовуйте, якщо задачі застрягли або насправді не виконуються.</numerusform>
            <numerusform>%Ln задач отримають статус «Помилка», усі їхні елементи, що виконуються, буде зупинено. Використовуйте, якщо задачі застрягли або насправді не виконуються.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Force Stop %Ln tasks</source>
        <translation>
            <numerusform>Зупинити %Ln задачу</numerusform>
            <numerusform>Зупинити %Ln задачі</numerusform>
            <numerusform>Зупинити %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep Running</source>
        <translation>Не зупиняти</translation>
    </message>
    <message>
        <source>Cancel this task?</source>
        <translation>Скасувати цю задачу?</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %Ln tasks?</source>
        <translation>
            <numerusform>Скасувати %Ln задачу?</numerusform>
            <numerusform>Скасувати %Ln задачі?</numerusform>
            <numerusform>Скасувати %Ln задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>The task will be marked as FAILED (cancelled) and its running items stopped; a worker running it is told to stop.</source>
        <translation>Задача отримає статус «Помилка» (скасовано), її елементи, що виконуються, буде зупинено; воркер, який її виконує, отримає команду зупинитися.</translation>
    </message>
    <message numerus="yes">
        <source>The %Ln tasks will be marked as FAILED (cancelled) and their running items stopped; workers running them are told to stop.</source>
        <translation>
            <numerusform>%Ln задача отримає статус «Помилка» (скасовано), їхні елементи, що виконуються, буде зупинено; воркери, які їх виконують, отримають команду зупинитися.</numerusform>
            <numerusform>%Ln задачі отримають статус «Помилка» (скасовано), їхні елементи, що виконуються, буде зупинено; воркери, які їх виконують, отримають команду зупинитися.</numerusform>
            <numerusform>%Ln задач отримають статус «Помилка» (скасовано), їхні елементи, що виконуються, буде зупинено; воркери, які їх виконують, отримають команду зупинитися.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %Ln tasks</source>
        <translation>
            <numerusform>Скасувати %Ln задачу</numerusform>
            <numerusform>Скасувати %Ln задачі</numerusform>
            <numerusform>Скасувати %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep Task</source>
        <translation>Не скасовувати</translation>
    </message>
    <message>
        <source>Restart this task?</source>
        <translation>Перезапустити цю задачу?</translation>
    </message>
    <message numerus="yes">
        <source>Restart %Ln tasks?</source>
        <translation>
            <numerusform>Перезапустити %Ln задачу?</numerusform>
            <numerusform>Перезапустити %Ln задачі?</numerusform>
            <numerusform>Перезапустити %Ln задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>The task goes back to PENDING with a fresh attempt budget, and all its items will run again.</source>
        <translation>Задача повернеться в статус «У черзі» з новим запасом спроб, і всі її елементи виконаються знову.</translation>
    </message>
    <message numerus="yes">
        <source>The %Ln tasks go back to PENDING with a fresh attempt budget, and all their items will run again.</source>
        <translation>
            <numerusform>%Ln задача повернеться в статус «У черзі» з новим запасом спроб, і всі їхні елементи виконаються знову.</numerusform>
            <numerusform>%Ln задачі повернуться в статус «У черзі» з новим запасом спроб, і всі їхні елементи виконаються знову.</numerusform>
            <numerusform>%Ln задач повернуться в статус «У черзі» з новим запасом спроб, і всі їхні елементи виконаються знову.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restart %Ln tasks</source>
        <translation>
            <numerusform>Перезапустити %Ln задачу</numerusform>
            <numerusform>Перезапустити %Ln задачі</numerusform>
            <numerusform>Перезапустити %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave As Is</source>
        <translation>Залишити як є</translation>
    </message>
    <message>
        <source>Delete this task?</source>
        <translation>Видалити цю задачу?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln tasks?</source>
        <translation>
            <numerusform>Видалити %Ln задачу?</numerusform>
            <numerusform>Видалити %Ln задачі?</numerusform>
            <numerusform>Видалити %Ln задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>The task, its items and its log lines are removed for good. The audit log keeps a record of it.</source>
        <translation>Задачу, її елементи й рядки журналу буде видалено назавжди. У журналі аудиту залишиться запис про неї.</translation>
    </message>
    <message numerus="yes">
        <source>The %Ln tasks, their items and their log lines are removed for good. The audit log keeps a record of them.</source>
        <translation>
            <numerusform>%Ln задачу, їхні елементи й рядки журналу буде видалено назавжди. У журналі аудиту залишиться запис про них.</numerusform>
            <numerusform>%Ln задачі, їхні елементи й рядки журналу буде видалено назавжди. У журналі аудиту залишиться запис про них.</numerusform>
            <numerusform>%Ln задач, їхні елементи й рядки журналу буде видалено назавжди. У журналі аудиту залишиться запис про них.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln tasks</source>
        <translation>
            <numerusform>Видалити %Ln задачу</numerusform>
            <numerusform>Видалити %Ln задачі</numerusform>
            <numerusform>Видалити %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <source>Task: &quot;%1&quot; (#%2)</source>
        <translation>Задача: «%1» (№%2)</translation>
    </message>
    <message numerus="yes">
        <source>Force stop the first %Ln of the %1 selected tasks?</source>
        <translation>
            <numerusform>Примусово зупинити перші %Ln з %1 вибраних задач?</numerusform>
            <numerusform>Примусово зупинити перші %Ln з %1 вибраних задач?</numerusform>
            <numerusform>Примусово зупинити перші %Ln з %1 вибраних задач?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel the first %Ln of the %1 selected tasks?</source>
        <translation>
            <numerusform>Скасувати перші %Ln з %1 вибраних задач?</numerusform>
            <numerusform>Скасувати перші %Ln з %1 вибраних задач?</numerusform>
            <numerusform>Скасувати перші %Ln з %1 вибраних задач?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restart the first %Ln of the %1 selected tasks?</source>
        <translation>
            <numerusform>Перезапустити перші %Ln з %1 вибраних задач?</numerusform>
            <numerusform>Перезапустити перші %Ln з %1 вибраних задач?</numerusform>
            <numerusform>Перезапустити перші %Ln з %1 вибраних задач?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the first %Ln of the %1 selected tasks?</source>
        <translation>
            <numerusform>Видалити перші %Ln з %1 вибраних задач?</numerusform>
            <numerusform>Видалити перші %Ln з %1 вибраних задач?</numerusform>
            <numerusform>Видалити перші %Ln з %1 вибраних задач?</numerusform>
        </translation>
    </message>
    <message>
        <source>An action takes at most %1 tasks at a time: these are the first in the table&apos;s order, #%2 to #%3.</source>
        <translation>Дія за раз бере не більше %1 задач: це перші за порядком таблиці, з №%2 по №%3.</translation>
    </message>
    <message numerus="yes">
        <source>The other %Ln selected tasks stay as they are.</source>
        <translation>
            <numerusform>Решта — %Ln вибрана задача — залишиться як є.</numerusform>
            <numerusform>Решта — %Ln вибрані задачі — залишаться як є.</numerusform>
            <numerusform>Решта — %Ln вибраних задач — залишаться як є.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln other selected task(s) cannot take this action and stay as they are.</source>
        <translation>
            <numerusform>Ще %Ln вибрана задача не підходить для цієї дії й залишиться як є.</numerusform>
            <numerusform>До ще %Ln вибраних задач ця дія незастосовна, вони залишаться як є.</numerusform>
            <numerusform>До ще %Ln вибраних задач ця дія незастосовна, вони залишаться як є.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Force stopping %Ln tasks…</source>
        <translation>
            <numerusform>Примусова зупинка %Ln задачі…</numerusform>
            <numerusform>Примусова зупинка %Ln задач…</numerusform>
            <numerusform>Примусова зупинка %Ln задач…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelling %Ln tasks…</source>
        <translation>
            <numerusform>Скасування %Ln задачі…</numerusform>
            <numerusform>Скасування %Ln задач…</numerusform>
            <numerusform>Скасування %Ln задач…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restarting %Ln tasks…</source>
        <translation>
            <numerusform>Перезапуск %Ln задачі…</numerusform>
            <numerusform>Перезапуск %Ln задач…</numerusform>
            <numerusform>Перезапуск %Ln задач…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %Ln tasks…</source>
        <translation>
            <numerusform>Видалення %Ln задачі…</numerusform>
            <numerusform>Видалення %Ln задач…</numerusform>
            <numerusform>Видалення %Ln задач…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Task &quot;%1&quot; has been force stopped. %Ln running item(s) were also stopped.</source>
        <translation>
            <numerusform>Задачу «%1» примусово зупинено. Також зупинено %Ln елемент, що виконувався.</numerusform>
            <numerusform>Задачу «%1» примусово зупинено. Також зупинено %Ln елементи, що виконувалися.</numerusform>
            <numerusform>Задачу «%1» примусово зупинено. Також зупинено %Ln елементів, що виконувалися.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can now delete or restart the task.</source>
        <translation>Тепер задачу можна видалити або перезапустити.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) force stopped.</source>
        <translation>
            <numerusform>%Ln задачу примусово зупинено.</numerusform>
            <numerusform>%Ln задачі примусово зупинено.</numerusform>
            <numerusform>%Ln задач примусово зупинено.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) cancelled and marked as failed.</source>
        <translation>
            <numerusform>%Ln задачу скасовано, вона отримала статус «Помилка».</numerusform>
            <numerusform>%Ln задачі скасовано, вони отримали статус «Помилка».</numerusform>
            <numerusform>%Ln задач скасовано, вони отримали статус «Помилка».</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) restarted and pending.</source>
        <translation>
            <numerusform>%Ln задачу перезапущено, вона чекає в черзі.</numerusform>
            <numerusform>%Ln задачі перезапущено, вони чекають у черзі.</numerusform>
            <numerusform>%Ln задач перезапущено, вони чекають у черзі.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) deleted.</source>
        <translation>
            <numerusform>%Ln задачу видалено.</numerusform>
            <numerusform>%Ln задачі видалено.</numerusform>
            <numerusform>%Ln задач видалено.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln could not be changed: %1</source>
        <translation>
            <numerusform>Не вдалося змінити %Ln задачу: %1</numerusform>
            <numerusform>Не вдалося змінити %Ln задачі: %1</numerusform>
            <numerusform>Не вдалося змінити %Ln задач: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped: %1 %2</source>
        <translation>Перервано: %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) not reached stay as they were.</source>
        <translation>
            <numerusform>%Ln задача, до якої черга не дійшла, лишилася як була.</numerusform>
            <numerusform>%Ln задачі, до яких черга не дійшла, лишилися як були.</numerusform>
            <numerusform>%Ln задач, до яких черга не дійшла, лишилися як були.</numerusform>
        </translation>
    </message>
    <message>
        <source>Task %1 is not running (current status: %2)</source>
        <translation>Задача %1 не виконується (поточний статус: %2)</translation>
    </message>
    <message>
        <source>Task &quot;%1&quot; has been cancelled and marked as failed.</source>
        <translation>Задачу «%1» скасовано, вона отримала статус «Помилка».</translation>
    </message>
    <message numerus="yes">
        <source>Task &quot;%1&quot; has been cancelled and marked as failed. %Ln running item(s) were also stopped.</source>
        <translation>
            <numerusform>Задачу «%1» скасовано, вона отримала статус «Помилка». Також зупинено %Ln елемент, що виконувався.</numerusform>
            <numerusform>Задачу «%1» скасовано, вона отримала статус «Помилка». Також зупинено %Ln елементи, що виконувалися.</numerusform>
            <numerusform>Задачу «%1» скасовано, вона отримала статус «Помилка». Також зупинено %Ln елементів, що виконувалися.</numerusform>
        </translation>
    </message>
    <message>
        <source>Task %1 cannot be cancelled: it is not pending or running (current status: %2)</source>
        <translation>Задачу %1 не можна скасувати: вона не в черзі й не в роботі (поточний статус: %2)</translation>
    </message>
    <message>
        <source>Task &quot;%1&quot; has been restarted and is pending.</source>
        <translation>Задачу «%1» перезапущено, вона чекає в черзі.</translation>
    </message>
    <message>
        <source>Task %1 cannot be restarted: only completed or failed tasks can (current status: %2)</source>
        <translation>Задачу %1 не можна перезапустити: перезапускаються лише завершені або помилкові задачі (поточний статус: %2)</translation>
    </message>
    <message>
        <source>Task &quot;%1&quot; has been deleted.</source>
        <translation>Задачу «%1» видалено.</translation>
    </message>
    <message>
        <source>Task %1 is running and cannot be deleted; force stop or cancel it first (current status: %2)</source>
        <translation>Задача %1 виконується, тому її не можна видалити; спершу примусово зупиніть або скасуйте її (поточний статус: %2)</translation>
    </message>
    <message>
        <source>%1, changing</source>
        <translation>%1, змінюється</translation>
    </message>
    <message>
        <source>Task %1 not found</source>
        <translation>Задачу %1 не знайдено</translation>
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
        <translation>Черга</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Спроби</translation>
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
        <translation>Створено</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Початок</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Кінець</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Тривалість</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Підсумок</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Елементи</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>Select a task to see its details.</source>
        <translation>Виберіть задачу, щоб побачити подробиці.</translation>
    </message>
    <message>
        <source>Task #%1 no longer exists: it was deleted.</source>
        <translation>Задачі №%1 більше немає: її видалено.</translation>
    </message>
    <message>
        <source>%1 (priority %2)</source>
        <translation>%1 (пріоритет %2)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 з %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>немає</translation>
    </message>
    <message>
        <source>never</source>
        <translation>ніколи</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>ще ні</translation>
    </message>
    <message>
        <source>Previous attempt: %1</source>
        <translation>Попередня спроба: %1</translation>
    </message>
    <message>
        <source>⚠ Stuck: no heartbeat for %1 (the timeout is %2). The worker may be gone; Force Stop marks the task FAILED whether or not it is alive.</source>
        <translation>⚠ Застрягла: немає пульсу %1 (межа — %2). Воркера, можливо, вже немає; примусова зупинка надасть задачі статус «Помилка», живий він чи ні.</translation>
    </message>
    <message>
        <source>Items (none)</source>
        <translation>Елементів немає</translation>
    </message>
    <message>
        <source>Items (%1 of %2 done, %3 failed)</source>
        <translation>Елементи: %1 з %2, збоїв %3</translation>
    </message>
    <message>
        <source>Items (%1 of %2 done)</source>
        <translation>Елементи: %1 з %2</translation>
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
        <translation>Елемент</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Початок</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Тривалість</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Помилка</translation>
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
        <translation>Назва</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Черга</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Прогрес</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Воркер</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Початок</translation>
    </message>
    <message>
        <source>Time since the last heartbeat of a running task</source>
        <translation>Час від останнього пульсу задачі, що виконується</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Пульс</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Тривалість</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Спроби</translation>
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
        <translation>Останній пульс: %1</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::TasksView</name>
    <message>
        <source>Clear Filter</source>
        <translation>Скинути фільтр</translation>
    </message>
    <message>
        <source>Search name, kind, worker, error or ID (%1)</source>
        <translation>Пошук за назвою, видом, воркером, помилкою чи ID (%1)</translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>Усі черги</translation>
    </message>
    <message>
        <source>Counting the tasks…</source>
        <translation>Підрахунок задач…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln tasks match</source>
        <translation>
            <numerusform>Відповідають %1 з %Ln задачі</numerusform>
            <numerusform>Відповідають %1 з %Ln задач</numerusform>
            <numerusform>Відповідають %1 з %Ln задач</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tasks</source>
        <translation>
            <numerusform>%Ln задача</numerusform>
            <numerusform>%Ln задачі</numerusform>
            <numerusform>%Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <source>newest first</source>
        <translation>спершу нові</translation>
    </message>
    <message>
        <source>oldest first</source>
        <translation>спершу старі</translation>
    </message>
    <message>
        <source>Z to A</source>
        <translation>від Я до А</translation>
    </message>
    <message>
        <source>A to Z</source>
        <translation>від А до Я</translation>
    </message>
    <message>
        <source>highest first</source>
        <translation>спершу більші</translation>
    </message>
    <message>
        <source>lowest first</source>
        <translation>спершу менші</translation>
    </message>
    <message>
        <source>sorted by %1, %2</source>
        <translation>сортування: %1, %2</translation>
    </message>
    <message>
        <source>No task matches this filter.</source>
        <translation>Під цей фільтр не підходить жодна задача.</translation>
    </message>
    <message>
        <source>No tasks yet.

A program enqueues tasks into the database, or from a shell:
taskdeskctl enqueue KIND --name NAME</source>
        <translation>Задач ще немає.

Задачі ставить у чергу програма через базу даних або команда в терміналі:
taskdeskctl enqueue ВИД --name НАЗВА</translation>
    </message>
    <message>
        <source>%1 selected: actions take the first %2</source>
        <translation>Вибрано: %1; дії беруть перші %2</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>Вибрано: %1</translation>
    </message>
    <message>
        <source>Copy Task ID</source>
        <translation>Копіювати ID задачі</translation>
    </message>
</context>
<context>
    <name>taskdesk::ui::ThroughputChart</name>
    <message>
        <source>Tasks finished per minute</source>
        <translation>Задач закінчено за хвилину</translation>
    </message>
    <message>
        <source>Tasks finished per %1 minutes</source>
        <translation>Задач закінчено за %1 хв</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>З помилкою</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Завершено</translation>
    </message>
    <message>
        <source>No task finished in this period.</source>
        <translation>За цей період жодна задача не закінчилася.</translation>
    </message>
    <message>
        <source>%1: %2 completed, %3 failed</source>
        <translation>%1: завершено %2, з помилкою %3</translation>
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
        <translation>Показати Taskdesk</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Вийти</translation>
    </message>
    <message>
        <source>%1 queued, %2 running</source>
        <translation>у черзі: %1, виконуються: %2</translation>
    </message>
    <message numerus="yes">
        <source>Taskdesk: %Ln stuck task(s) (%1)</source>
        <translation>
            <numerusform>Taskdesk: %Ln застрягла задача (%1)</numerusform>
            <numerusform>Taskdesk: %Ln застряглі задачі (%1)</numerusform>
            <numerusform>Taskdesk: %Ln застряглих задач (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Stuck tasks</source>
        <translation>Застряглі задачі</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) stuck now (%1). Open the Stuck page to clean up.</source>
        <translation>
            <numerusform>Зараз застрягла %Ln задача (%1). Відкрийте сторінку «Застряглі», щоб очистити.</numerusform>
            <numerusform>Зараз застрягли %Ln задачі (%1). Відкрийте сторінку «Застряглі», щоб очистити.</numerusform>
            <numerusform>Зараз застрягло %Ln задач (%1). Відкрийте сторінку «Застряглі», щоб очистити.</numerusform>
        </translation>
    </message>
</context>
</TS>
