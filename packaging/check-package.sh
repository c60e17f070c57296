#!/usr/bin/env bash
# Checks a built taskdesk .deb the way an administrator meets it:
#   packaging/check-package.sh build/taskdesk_0.1.0_amd64.deb
# lintian (no error, no warning that the package's overrides do not explain),
# the desktop entry and the AppStream metainfo validated, the systemd units
# verified; then `apt-get install ./the.deb` (which pulls what it depends
# on), the installed programs run (taskdeskctl version, init, the man pages,
# the bash completion, the desktop app rendering its window on the offscreen
# platform), and `apt-get purge`, after which none of its files may be left.
# Needs root (it installs and purges the package on this machine); stops at
# the first failure with exit code 1.
set -euo pipefail

deb=$(realpath "${1:?usage: check-package.sh PACKAGE.deb}")
[ "$(id -u)" -eq 0 ] || { echo "check-package.sh: needs root (it installs the package)" >&2; exit 2; }

step() { printf '\033[1m--> %s\033[0m\n' "$*" >&2; }
fail() { printf 'check-package.sh: FAILED: %s\n' "$*" >&2; exit 1; }

work=$(mktemp -d /tmp/taskdesk-pkgcheck.XXXXXX)
installed_by_us=""
cleanup() {
  if [ -n "$installed_by_us" ] && dpkg-query -W -f='${Status}' taskdesk 2>/dev/null | grep -q installed; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=600 taskdesk >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if dpkg-query -W -f='${Status}' taskdesk 2>/dev/null | grep -q 'install ok installed'; then
  fail "taskdesk is already installed on this machine; the check installs and purges it (apt-get purge taskdesk first)"
fi

step "package: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB; installed $(dpkg-deb -f "$deb" Installed-Size) KiB)"
dpkg-deb -f "$deb" Package Version Depends Recommends | sed 's/^/    /' >&2

step "lintian"
# The package's own overrides (usr/share/lintian/overrides/taskdesk) are
# read from the .deb; E: and W: lines are what is left unexplained.
lintian --allow-root --fail-on error,warning --display-info --pedantic "$deb" >"$work/lintian.txt" 2>&1 \
  || { cat "$work/lintian.txt" >&2; fail "lintian"; }
sed 's/^/    /' "$work/lintian.txt" >&2

step "files of the package"
mkdir "$work/root"
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/files.txt"
for f in /usr/bin/taskdesk /usr/bin/taskdeskctl /usr/bin/taskdesk-worker \
    /usr/share/doc/taskdesk/copyright /usr/share/doc/taskdesk/changelog.gz \
    /usr/share/man/man1/taskdesk.1.gz /usr/share/man/man1/taskdeskctl.1.gz \
    /usr/share/man/man1/taskdesk-worker.1.gz /usr/share/bash-completion/completions/taskdeskctl \
    /usr/share/applications/taskdesk.desktop /usr/share/metainfo/io.github.taskdesk.Taskdesk.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/taskdesk.svg /usr/share/icons/hicolor/48x48/apps/taskdesk.png \
    /lib/systemd/system/taskdesk-worker@.service /lib/systemd/system/taskdesk-supervise.service; do
  grep -qx "$f" "$work/files.txt" || fail "the package has no $f"
done
for f in "$work"/root/usr/bin/*; do
  if readelf -S "$f" | grep -q '\.debug_info\|\.symtab'; then fail "$(basename "$f") is not stripped"; fi
done

step "desktop-file-validate, appstreamcli validate --no-net"
desktop-file-validate "$work/root/usr/share/applications/taskdesk.desktop" || fail "desktop-file-validate"
# --no-net: the screenshots are on the project's site, which a build machine
# may not reach.
appstreamcli validate --no-net --explain \
  "$work/root/usr/share/metainfo/io.github.taskdesk.Taskdesk.metainfo.xml" >&2 || fail "appstreamcli validate"

# What is named taskdesk in the system's folders before: after the purge
# there must be nothing more.
named_taskdesk() { find /etc /usr /lib /var -xdev -name '*taskdesk*' 2>/dev/null | sort; }
named_taskdesk >"$work/before.txt"

step "apt-get install ./$(basename "$deb")"
installed_by_us=1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 "$deb" >"$work/apt.txt" 2>&1 \
  || { cat "$work/apt.txt" >&2; fail "apt-get install"; }
getent passwd taskdesk >/dev/null || fail "postinst made no taskdesk system user"

step "systemd-analyze verify"
# It also runs `man` for each Documentation=man: page; a system whose dpkg
# excludes /usr/share/man (container images) cannot.
man_check=()
[ -e /usr/share/man/man1/taskdeskctl.1.gz ] || man_check=(--man=no)
systemd-analyze verify "${man_check[@]}" /lib/systemd/system/taskdesk-supervise.service \
  /lib/systemd/system/taskdesk-worker@.service taskdesk-worker@main.service 2>"$work/verify.txt" \
  || { cat "$work/verify.txt" >&2; fail "systemd-analyze verify"; }
# verify's complaints about the host's own units are not ours.
if grep -i 'taskdesk' "$work/verify.txt" >&2; then fail "systemd-analyze verify complains about a unit of taskdesk"; fi

step "the installed programs"
export HOME="$work/home" XDG_RUNTIME_DIR="$work/run" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
cd "$work"
version=$(taskdeskctl version) || fail "taskdeskctl version"
echo "    $version" >&2
[[ $version == "taskdeskctl $(dpkg-deb -f "$deb" Version) "* ]] || fail "taskdeskctl version says '$version'"
taskdeskctl --db "$work/x.db" init >&2 || fail "taskdeskctl --db $work/x.db init"
taskdeskctl --db "$work/x.db" enqueue pkgcheck --name "Package check" >/dev/null || fail "taskdeskctl enqueue"
taskdesk-worker --version >/dev/null || fail "taskdesk-worker --version"
# The pages and the completion are read from the package itself: a system
# whose dpkg excludes /usr/share/man (container images do) still checks them.
for page in taskdesk taskdeskctl taskdesk-worker; do
  LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$work/root/usr/share/man/man1/$page.1.gz" \
    2>"$work/man.txt" >"$work/$page.txt" || fail "man $page(1)"
  if [ -s "$work/man.txt" ]; then cat "$work/man.txt" >&2; fail "man $page(1) warns"; fi
  grep -q -- '--help' "$work/$page.txt" || fail "the man page $page(1) lists no --help"
done

# The completion offers what `taskdeskctl --help` lists.
complete_words() {
  COMPLETION="$work/root/usr/share/bash-completion/completions/taskdeskctl" bash -c 'source /usr/share/bash-completion/bash_completion
           source "$COMPLETION"
           COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
           _taskdeskctl; printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
}
if [ -r /usr/share/bash-completion/bash_completion ]; then
  commands=$(taskdeskctl --help | sed -n '/^Commands:/,/^$/p' | awk '/^  [a-z]/ {print $1}' | sort -u)
  offered=$(complete_words taskdeskctl "" | sort -u)
  [ "$(comm -23 <(echo "$commands") <(echo "$offered"))" = "" ] \
    || fail "the completion does not offer: $(comm -23 <(echo "$commands") <(echo "$offered") | tr '\n' ' ')"
  [ "$(complete_words taskdeskctl list --status R)" = RUNNING ] || fail "no completion of list --status R"
  [ "$(complete_words taskdeskctl processes rest)" = restart ] || fail "no completion of processes rest"
else
  echo "    (bash-completion is not installed: completion not exercised)" >&2
fi

# The desktop app, installed, renders its window and saves it.
rc=0
TASKDESK_SCREENSHOT="$work/window.png" timeout 60 taskdesk --db "$work/x.db" \
  --settings "$work/settings.ini" 2>"$work/taskdesk.txt" || rc=$?
[ "$rc" -eq 0 ] || { cat "$work/taskdesk.txt" >&2; fail "taskdesk did not render its window (exit $rc)"; }
[ -s "$work/window.png" ] || fail "taskdesk exited 0 but saved no window"
size=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); \
  print("%dx%d" % struct.unpack(">II", d[16:24]) if d[:8]==b"\x89PNG\r\n\x1a\n" else "")' "$work/window.png")
[ -n "$size" ] || fail "taskdesk wrote no PNG"
echo "    the window rendered: $size" >&2

step "apt-get purge taskdesk"
cd /
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=600 taskdesk >"$work/apt.txt" 2>&1 \
  || { cat "$work/apt.txt" >&2; fail "apt-get purge"; }
installed_by_us=""
! dpkg-query -W -f='${Status}' taskdesk 2>/dev/null | grep -q installed || fail "taskdesk is still installed"
left=""
while read -r f; do
  [ -e "$f" ] && [ ! -d "$f" ] && left="$left $f"
done <"$work/files.txt"
[ -z "$left" ] || fail "purge left:$left"
[ ! -e /usr/share/doc/taskdesk ] || fail "purge left /usr/share/doc/taskdesk"
named_taskdesk >"$work/after.txt"
# man-db's cache of formatted pages (systemd-analyze verify runs `man` for the
# units' Documentation=) is no file of the package: mandb drops stale pages on
# its daily run; the check removes those it caused at once.
comm -13 "$work/before.txt" "$work/after.txt" | grep '^/var/cache/man/' | xargs -r rm -f
named_taskdesk >"$work/after.txt"
left=$(comm -13 "$work/before.txt" "$work/after.txt" | tr '\n' ' ')
[ -z "$left" ] || fail "purge left: $left"
step "package check passed"
