"""Reads the help that Taskdesk's programs print, for the man pages and the
bash completion made from it at build time (so that neither can drift from
the programs)."""

import os
import re
import subprocess

# "  --db LOCATION  The database …": an entry of an option, argument, command
# or exit-code list; the description starts after a run of two or more blanks.
ENTRY = re.compile(r"^  (\S.*?)(?:\s{2,}(\S.*))?$")
HEADING = re.compile(r"^(\S[^:]*):$")


def run_help(program, *args):
    """The help text of `program args… --help`-like calls, standard output only."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["LC_ALL"] = "C.UTF-8"
    env["COLUMNS"] = "80"
    out = subprocess.run([program, *args], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, check=False).stdout.decode("utf-8")
    # A help that names the build's host ("default: this host, vm") would make
    # the pages differ from one build machine to the next.
    out = re.sub(r"this host, [^)\s]+\)", "this host)", out)
    name = os.path.basename(program)
    # QCommandLineParser prints the path it was started by.
    out = re.sub(r"^Usage: \S*" + re.escape(name), "Usage: " + name, out, flags=re.M)
    return out


def sections(text):
    """[(heading or None, [lines])]: the paragraphs before the first heading
    under None, then each "Heading:" with the lines up to the next one."""
    result = [(None, [])]
    for line in text.splitlines():
        m = HEADING.match(line)
        if m and not line.startswith("Usage:"):
            result.append((m.group(1), []))
        else:
            result[-1][1].append(line.rstrip())
    return result


def entries(lines):
    """[(term, description)] of an indented two-column list; the lines of a
    description that wraps are joined."""
    result = []
    for line in lines:
        if not line.strip():
            continue
        if result and line.startswith("   ") and (
                len(line) - len(line.lstrip()) > 2):
            term, desc = result[-1]
            result[-1] = (term, (desc + " " + line.strip()).strip())
            continue
        m = ENTRY.match(line)
        if m:
            result.append((m.group(1).strip(), (m.group(2) or "").strip()))
    return result


def commands(ctl):
    """The commands of `taskdeskctl --help`, in its order: ["init", …, "settings set", …]."""
    for heading, lines in sections(run_help(ctl, "--help")):
        if heading == "Commands":
            return [term for term, _ in entries(lines)]
    raise SystemExit(f"{ctl} --help lists no commands")


def options(lines):
    """[(names, placeholder or None, description)] of an Options: list."""
    result = []
    for term, desc in entries(lines):
        names = []
        placeholder = None
        for word in term.replace(",", " ").split():
            if word.startswith("-"):
                names.append(word)
            else:
                placeholder = word
        if names:
            result.append((names, placeholder, desc))
    return result
