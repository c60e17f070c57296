#!/usr/bin/env python3
"""Writes the man page of a Taskdesk program from its own --help (and, for
taskdeskctl, from each command's help), so that the page says what the
installed program does.

    make-manpage.py PROGRAM OUTPUT --version V --date YYYY-MM-DD [--ctl]
"""

import argparse
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import helptext  # noqa: E402

SUMMARY = {
    "taskdesk": "operations console for background jobs (desktop app)",
    "taskdeskctl": "operate Taskdesk's tasks, processes and schedules from a shell",
    "taskdesk-worker": "run Taskdesk tasks: claim, run, heartbeat",
}
SEE_ALSO = ["taskdesk", "taskdeskctl", "taskdesk-worker"]
# The package's documentation that says more than the help.
DOCS = {
    "taskdesk": "README.md",
    "taskdeskctl": "cli.md",
    "taskdesk-worker": "worker.md",
}


def esc(text):
    """Roff-safe text: backslashes, option dashes, and no line that starts
    with a control character."""
    text = text.replace("\\", "\\e")
    # An option's dashes are minus signs (so that the page can be searched and
    # copied); the hyphen inside a word stays a hyphen.
    text = re.sub(r"(?<![\w.])(-{1,2})(?=[\w-])",
                  lambda m: "\\-" * len(m.group(1)), text)
    text = re.sub(r"(?<=\\-)([\w]+)-", lambda m: m.group(1) + "\\-", text)
    return text


def line(text):
    text = esc(text)
    return "\\&" + text if text.startswith((".", "'")) else text


def paragraphs(lines):
    """Blank-line separated paragraphs, each joined into one line."""
    out, cur = [], []
    for text in lines:
        if text.strip():
            cur.append(text.strip())
        elif cur:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


def body(sections, sub_heading):
    """Roff for the sections of one help text after its usage and summary."""
    out = []
    for heading, lines in sections:
        if heading is None:
            continue
        if sub_heading:
            out += [".PP", f".B {esc(heading)}"]
        else:
            out.append(f".SH {esc(heading.upper())}")
        if heading == "Examples":
            out += [".PP", ".RS 4", ".nf"]
            out += [line(text.strip()) for text in lines if text.strip()]
            out += [".fi", ".RE"]
            continue
        items = helptext.entries(lines)
        listed = [text for text in lines if text.startswith("  ")]
        if items and listed:
            for term, desc in items:
                out += [".TP", f".B {esc(term)}", line(desc)]
            rest = [text for text in lines if not text.startswith("  ")]
        else:
            rest = lines
        for para in paragraphs(rest):
            out += [".PP", line(para)]
    return out


def usage_and_description(sections):
    """(usage, [description paragraphs]) from the part before the first heading."""
    lines = sections[0][1]
    usage = ""
    rest = []
    for text in lines:
        if text.startswith("Usage: "):
            usage = text[len("Usage: "):]
        else:
            rest.append(text)
    return usage, paragraphs(rest)


def synopsis(usage, name):
    words = usage.split()
    out = [f".B {esc(words[0])}"] if words else [f".B {name}"]
    if len(words) > 1:
        out.append(esc(" ".join(words[1:])))
    return out


def page(program, name, version, date, ctl):
    main = helptext.sections(helptext.run_help(program, "--help"))
    usage, description = usage_and_description(main)
    out = [
        f'.TH {name.upper()} 1 "{date}" "{name} {version}" "User Commands"',
        ".SH NAME",
        f"{esc(name)} \\- {esc(SUMMARY[name])}",
        ".SH SYNOPSIS",
        *synopsis(usage, name),
        ".SH DESCRIPTION",
    ]
    for para in description:
        out += [".PP", line(para)]
    out += body(main, sub_heading=False)
    if ctl:
        out.append(".SH COMMAND REFERENCE")
        for command in helptext.commands(program):
            help_sections = helptext.sections(
                helptext.run_help(program, "help", *command.split()))
            cmd_usage, cmd_description = usage_and_description(help_sections)
            if not cmd_usage:
                raise SystemExit(f"'{name} help {command}' printed no usage")
            out += [f".SS {esc(command)}", ".PP", f".B {esc(cmd_usage)}"]
            for para in cmd_description:
                out += [".PP", line(para)]
            out += body(help_sections, sub_heading=True)
    if name == "taskdesk":
        out += [".SH ENVIRONMENT", ".TP", ".B TASKDESK_DB",
                "The database when \\-\\-db is not given."]
    out += [".SH SEE ALSO",
            ", ".join(f"\\fB{esc(other)}\\fR(1)" for other in SEE_ALSO if other != name)
            + f", /usr/share/doc/taskdesk/{DOCS[name]}"]
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("program")
    parser.add_argument("output")
    parser.add_argument("--version", required=True)
    parser.add_argument("--date", required=True)
    parser.add_argument("--ctl", action="store_true",
                        help="add each command's help (taskdeskctl)")
    args = parser.parse_args()
    name = os.path.basename(args.program)
    text = page(args.program, name, args.version, args.date, args.ctl)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
