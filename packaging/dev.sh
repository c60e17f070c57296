#!/usr/bin/env bash
# Developer entry point. On a fresh Debian 12 machine:
#   packaging/dev.sh run    install what is missing, build, start Taskdesk on the demo data
#   packaging/dev.sh test   install what is missing, build, run every test with ctest; with
#                           no ctest arguments (the whole suite, as CI runs it) then also
#                           build the package and check it (TASKDESK_PACKAGE_CHECK=0 skips that)
#   packaging/dev.sh package  build the Debian package (from build/, as released); with
#                           --check also lint it, install it, run it and purge it (root)
#   packaging/dev.sh translations  bring translations/*.ts up to date with the code (then
#                           translate what lupdate marked unfinished)
#   packaging/dev.sh bench  the figures of BENCHMARKS.md: taskdesk-bench at 1,000,000 tasks
#                           on SQLite and on a throwaway PostgreSQL server (extra options
#                           go to taskdesk-bench, e.g. --tasks 100000)
# Both are idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${TASKDESK_BUILD_DIR:-$here/build}"

packages=(
  g++ cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6svg6 qt6-tools-dev qt6-l10n-tools
  qt6-translations-l10n
  libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql libgl-dev libsqlite3-dev
  postgresql mariadb-server mariadb-client faketime xvfb xauth fonts-dejavu-core procps python3
  # promtool, which checks the text of /metrics (tst_metrics)
  prometheus
  # the package and its check
  dpkg-dev lintian appstream desktop-file-utils systemd man-db bash-completion adduser
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'dev.sh: %s\n' "$*" >&2; exit 2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $* (install sudo or run as root)"
  fi
}

install_deps() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# One build serves the tests and the package: it is compiled as Debian builds a
# release (dpkg-buildflags with all hardening, -O2, NDEBUG, /usr), so the
# package that the whole suite checks is made of the very programs the tests
# ran, and CI compiles everything once. The debug information it keeps for
# the tests' backtraces is stripped from the package (packaging/strip.cmake).
debian_flags() {
  (cd "$here" && DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get "$1")
}

configure_and_build() {
  local werror=${1:-OFF}
  local cxxflags ldflags
  cxxflags="$(debian_flags CPPFLAGS) $(debian_flags CXXFLAGS)"
  ldflags=$(debian_flags LDFLAGS)
  if [ ! -f "$build/CMakeCache.txt" ] || \
     ! grep -qE "^TASKDESK_WERROR:[A-Z]+=$werror$" "$build/CMakeCache.txt" || \
     ! grep -qxF "CMAKE_CXX_FLAGS:STRING=$cxxflags" "$build/CMakeCache.txt"; then
    log "configuring in $build"
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_FLAGS_RELEASE=-DNDEBUG -DCMAKE_INSTALL_PREFIX=/usr \
      -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" \
      -DTASKDESK_WERROR="$werror" >/dev/null
  fi
  log "building"
  cmake --build "$build" --parallel "$(nproc)" || die "build failed"
}

# A throwaway PostgreSQL server for the tests: an unprivileged owner, a Unix
# socket in a temporary folder, no TCP port; stopped and removed on exit.
pg_dir=""
start_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bindir/pg_ctl" ] || { log "PostgreSQL not found: PostgreSQL suites will be skipped"; return 0; }
  pg_dir=$(mktemp -d /tmp/taskdesk-pg.XXXXXX)
  chmod 755 "$pg_dir"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    chown nobody:nogroup "$pg_dir"
    run=(runuser -u nobody --)
  fi
  local port=$((20000 + RANDOM % 20000))
  "${run[@]}" "$bindir/initdb" -D "$pg_dir/data" -U taskdesk --auth=trust -E UTF8 \
    --no-instructions >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log" >&2; die "initdb failed"; }
  "${run[@]}" "$bindir/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $pg_dir -p $port -c fsync=off -c max_connections=200" \
    start >/dev/null || { cat "$pg_dir/server.log" >&2; die "PostgreSQL did not start"; }
  export TASKDESK_TEST_PG="postgresql://taskdesk@/postgres?host=$pg_dir&port=$port"
  export TASKDESK_TEST_PG_BIN="$bindir" TASKDESK_TEST_PG_DATA="$pg_dir/data"
  log "PostgreSQL test server on $pg_dir (port $port)"
}
stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  local run=()
  [ "$(id -u)" -eq 0 ] && run=(runuser -u nobody --)
  "${run[@]}" "$TASKDESK_TEST_PG_BIN/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
  pg_dir=""
}

# A throwaway MariaDB server for the suites that attach another program's
# MySQL database: an unprivileged owner, a Unix socket in a temporary folder, no
# TCP port, no durability (nothing is kept), and a server time zone that is not
# UTC, so that a statement that forgets the session's zone shows. A user
# taskdesk without a password may do anything (create and drop databases).
my_dir=""
my_pid=""
start_mariadb() {
  local server
  server=$(command -v mariadbd || ls /usr/sbin/mariadbd 2>/dev/null || true)
  if [ -z "$server" ] || ! command -v mariadb-install-db >/dev/null 2>&1; then
    log "MariaDB not found: MySQL suites will be skipped"; return 0
  fi
  local start=$SECONDS
  my_dir=$(mktemp -d /tmp/taskdesk-my.XXXXXX)
  chmod 755 "$my_dir"
  # As root, mariadbd drops to nobody itself (--user): it stays our direct
  # child, whose pid stops it (runuser would stand between).
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown nobody:nogroup "$my_dir"
    as=(--user=nobody)
  fi
  # The system tables only, straight through --bootstrap: about 1.5 s, where
  # mariadb-install-db also loads the help tables and the sys schema (4-5 s).
  local share=/usr/share/mysql
  if [ -f "$share/mysql_system_tables.sql" ] && [ -f "$share/mysql_system_tables_data.sql" ]; then
    mkdir "$my_dir/data"
    [ ${#as[@]} -eq 0 ] || chown nobody:nogroup "$my_dir/data"
    { printf "SET @auth_root_authentication_method='normal';\nCREATE DATABASE IF NOT EXISTS mysql;\nuse mysql;\n"
      cat "$share/mysql_system_tables.sql" "$share/mysql_system_tables_data.sql"
    } | "$server" --no-defaults "${as[@]}" --bootstrap --datadir="$my_dir/data" \
      --log-warnings=0 --skip-log-bin --innodb-flush-method=nosync --innodb-doublewrite=0 \
      --innodb-flush-log-at-trx-commit=0 >"$my_dir/install.log" 2>&1 \
      || { cat "$my_dir/install.log" >&2; die "MariaDB bootstrap failed"; }
  else
    mariadb-install-db --no-defaults "${as[@]}" --datadir="$my_dir/data" --skip-test-db \
      --auth-root-authentication-method=normal --skip-name-resolve >"$my_dir/install.log" 2>&1 \
      || { cat "$my_dir/install.log" >&2; die "mariadb-install-db failed"; }
  fi
  "$server" --no-defaults "${as[@]}" --datadir="$my_dir/data" --socket="$my_dir/mysqld.sock" \
    --pid-file="$my_dir/mysqld.pid" --log-error="$my_dir/server.log" --skip-networking \
    --skip-name-resolve --skip-log-bin --innodb-flush-log-at-trx-commit=0 \
    --innodb-doublewrite=0 --innodb-flush-method=nosync --innodb-buffer-pool-size=128M \
    --max-connections=300 --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --default-time-zone=+03:00 >/dev/null 2>&1 &
  my_pid=$!
  local i
  for i in $(seq 1 600); do
    mariadb-admin --no-defaults -S "$my_dir/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
    kill -0 "$my_pid" 2>/dev/null || { cat "$my_dir/server.log" >&2; die "MariaDB did not start"; }
    sleep 0.05
  done
  mariadb --no-defaults -S "$my_dir/mysqld.sock" -uroot -e \
    "CREATE USER taskdesk@localhost; GRANT ALL PRIVILEGES ON *.* TO taskdesk@localhost WITH GRANT OPTION" \
    || { cat "$my_dir/server.log" >&2; die "MariaDB did not start"; }
  export TASKDESK_TEST_MYSQL="mysql://taskdesk@/mysql?socket=$my_dir/mysqld.sock"
  log "MariaDB test server on $my_dir ($((SECONDS - start)) s)"
}
stop_mariadb() {
  [ -n "$my_dir" ] || return 0
  if [ -n "$my_pid" ]; then
    kill -9 "$my_pid" 2>/dev/null || true
    wait "$my_pid" 2>/dev/null || true
  fi
  rm -rf "$my_dir"
  my_dir="" my_pid=""
}
stop_servers() { stop_postgres; stop_mariadb; }

cmd_test() {
  install_deps
  configure_and_build ON
  trap stop_servers EXIT
  start_postgres
  start_mariadb
  log "running the tests"
  export QT_QPA_PLATFORM=offscreen
  ctest --test-dir "$build" --output-on-failure --timeout 600 -j "$(nproc)" "$@"
  stop_servers
  # The whole suite (CI) also proves the package: built as released, installed,
  # run and purged on this machine.
  if [ $# -eq 0 ] && [ "${TASKDESK_PACKAGE_CHECK:-1}" != 0 ]; then
    cmd_package --check
  fi
}

# The package as it is released, from the one build (see configure_and_build:
# Debian's flags, the programs stripped by CPack through packaging/strip.cmake).
# --check then runs packaging/check-package.sh on it: lintian, the validators,
# install, run, purge. After `test` the build is there already and only CPack runs.
cmd_package() {
  local check=""
  case "${1:-}" in
    --check) check=1 ;;
    "") ;;
    *) die "usage: packaging/dev.sh package [--check]" ;;
  esac
  install_deps
  local start=$SECONDS werror=OFF
  [ -f "$build/CMakeCache.txt" ] && grep -qE "^TASKDESK_WERROR:[A-Z]+=ON$" "$build/CMakeCache.txt" && werror=ON
  configure_and_build "$werror"
  rm -f "$build"/taskdesk_*.deb
  (cd "$build" && cpack -G DEB >cpack.log 2>&1) || { cat "$build/cpack.log" >&2; die "cpack failed"; }
  local deb
  deb=$(ls "$build"/taskdesk_*.deb)
  log "$deb ($((SECONDS - start)) s)"
  if [ -n "$check" ]; then
    start=$SECONDS
    as_root "$here/packaging/check-package.sh" "$deb" || die "package check failed"
    log "package check: $((SECONDS - start)) s"
  fi
}

cmd_bench() {
  install_deps
  if [ -f "$build/CMakeCache.txt" ]; then  # as configured (test or run): no rebuild from scratch
    log "building"
    cmake --build "$build" --parallel "$(nproc)" || die "build failed"
  else
    configure_and_build OFF
  fi
  trap stop_postgres EXIT
  start_postgres
  export QT_QPA_PLATFORM=offscreen
  local out="${TASKDESK_BENCH_JSON:-$build/bench.json}"
  log "running taskdesk-bench (figures in $out)"
  "$build/tests/bench/taskdesk-bench" --json "$out" --table "$@"
}

# The translation files take the texts the code has now (the update_translations
# target): Russian and Ukrainian get every text of the desktop and the core's
# marked messages; English holds only plural forms, written by
# packaging/english-plurals.py (a verb that must agree with a singular gets a
# rule there). tst_translations fails while a text is left untranslated.
cmd_translations() {
  install_deps
  if [ ! -f "$build/CMakeCache.txt" ]; then
    configure_and_build OFF
  fi
  cmake --build "$build" --target update_translations
}

cmd_run() {
  install_deps
  configure_and_build OFF
  local demo="${TASKDESK_DB:-$HOME/.local/share/taskdesk/demo.db}"
  if [ -x "$build/ui/taskdesk" ]; then
    exec "$build/ui/taskdesk" --demo --db "$demo" "$@"
  fi
  local ctl="$build/app/ctl/taskdeskctl"
  log "demo database: $demo"
  "$ctl" --db "$demo" init
  "$ctl" --db "$demo" enqueue warmup --name "Warm-up accounts" --item alice --item bob
  "$ctl" --db "$demo" enqueue cleanup --name "Nightly clean-up" --queue maintenance
  "$ctl" --db "$demo" list
  "$ctl" --db "$demo" stuck
}

case "${1:-}" in
  test) shift; cmd_test "$@" ;;
  run) shift; cmd_run "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  translations) cmd_translations ;;
  build) install_deps; configure_and_build OFF ;;
  package) shift; cmd_package "$@" ;;
  *) echo "usage: packaging/dev.sh run|test|bench|build|package|translations" >&2; exit 2 ;;
esac
