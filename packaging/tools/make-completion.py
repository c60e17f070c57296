#!/usr/bin/env python3
"""Writes the bash completion of taskdeskctl from its own help: the commands
of `taskdeskctl --help`, the options of each `taskdeskctl help COMMAND`, and
the values an option's help lists (the task statuses of --status, the columns
of --sort, the words of "a, b or c (default a)").

    make-completion.py TASKDESKCTL OUTPUT
"""

import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import helptext  # noqa: E402

# Placeholders whose value is a file or a folder on this machine.
FILE_PLACEHOLDERS = {"FILE", "LOCATION", "PATH"}
DIR_PLACEHOLDERS = {"D", "DIR"}


def option_values(desc):
    """The fixed values an option's help lists, else []."""
    # "(PENDING, RUNNING, COMPLETED, FAILED)"
    m = re.search(r"\(((?:[A-Z][A-Z_]+, )+[A-Z][A-Z_]+)\)", desc)
    if m:
        return m.group(1).split(", ")
    # "Sort by: id, name, …, attempt."
    m = re.search(r"by: ((?:[a-z_]+, )+[a-z_]+)\.", desc)
    if m:
        return m.group(1).split(", ")
    # "worker, scheduler or other (default other)"
    m = re.match(r"((?:[a-z_]+, )*[a-z_]+ or [a-z_]+)\b", desc)
    if m:
        return re.split(r", | or ", m.group(1))
    # "always (default), on-failure or never" style lists with a default mark
    m = re.search(r": ((?:[a-z-]+(?: \(default\))?, )+[a-z-]+(?: \(default\))? or [a-z-]+)",
                  desc)
    if m:
        return [w.replace(" (default)", "") for w in re.split(r", | or ", m.group(1))]
    return []


def quote(words):
    return "'" + " ".join(words).replace("'", "") + "'"


def main():
    ctl, output = sys.argv[1], sys.argv[2]
    top = helptext.sections(helptext.run_help(ctl, "--help"))
    global_opts = []
    for heading, lines in top:
        if heading == "Global options (before or after the command)":
            global_opts = helptext.options(lines)
    if not global_opts:
        raise SystemExit("taskdeskctl --help lists no global options")
    commands = helptext.commands(ctl)

    global_names = [n for names, _, _ in global_opts for n in names]
    rows = []  # bash lines of the tables
    value_opts = set()
    for names, placeholder, _ in global_opts:
        if placeholder:
            value_opts.update(names)
    first_words = []
    subs = {}
    for command in commands:
        words = command.split()
        if words[0] not in first_words:
            first_words.append(words[0])
        if len(words) > 1:
            subs.setdefault(words[0], []).append(words[1])
        opts = []
        for heading, lines in helptext.sections(
                helptext.run_help(ctl, "help", *words)):
            if heading != "Options":
                continue
            for names, placeholder, desc in helptext.options(lines):
                opts += names
                if not placeholder:
                    continue
                key = "_".join(words) + " " + names[-1]
                values = option_values(desc)
                if values:
                    rows.append(f"    [{quote([key])}]={quote(values)}")
                elif placeholder in FILE_PLACEHOLDERS:
                    rows.append(f"    [{quote([key])}]=@file")
                elif placeholder in DIR_PLACEHOLDERS:
                    rows.append(f"    [{quote([key])}]=@dir")
                else:
                    rows.append(f"    [{quote([key])}]=@any")
        own = [o for o in opts if o not in global_names]
        rows.append(f"    [{quote(['_'.join(words)])}]={quote(own)}")

    sub_rows = [f"    [{quote([k])}]={quote(v)}" for k, v in subs.items()]
    script = f"""# bash completion for taskdeskctl -*- shell-script -*-
# Made at build time from taskdeskctl's own help by packaging/tools/make-completion.py.

_taskdeskctl_commands={quote(first_words)}
_taskdeskctl_global_options={quote(global_names)}
_taskdeskctl_global_values={quote(sorted(value_opts))}
declare -gA _taskdeskctl_subcommands=(
{chr(10).join(sub_rows)}
)
# "command" -> its options; "command --option" -> its values (@file, @dir,
# @any for a free value, else the words to offer).
declare -gA _taskdeskctl_options=(
{chr(10).join(rows)}
)

_taskdeskctl()
{{
    local cur prev words cword
    _init_completion -n =, || return

    # The command (one or two words) after the global options.
    local i command="" sub_allowed=""
    for ((i = 1; i < cword; i++)); do
        local w=${{words[i]}}
        if [[ " $_taskdeskctl_global_values " == *" $w "* ]]; then
            ((i++))
            continue
        fi
        [[ $w == -* ]] && continue
        if [[ -z $command ]]; then
            command=$w
            sub_allowed=${{_taskdeskctl_subcommands[$w]-}}
        elif [[ -n $sub_allowed && " $sub_allowed " == *" $w "* ]]; then
            command=${{command}}_$w
            sub_allowed=""
        else
            break
        fi
    done

    case $prev in
        --db)
            _filedir
            return
            ;;
        --as)
            return
            ;;
    esac
    if [[ -n $command && $prev == -* ]]; then
        local values=${{_taskdeskctl_options["$command $prev"]-}}
        case $values in
            "") ;;
            @file) _filedir; return ;;
            @dir) _filedir -d; return ;;
            @any) return ;;
            *)
                # A comma-separated list: complete its last element.
                local prefix=""
                [[ $cur == *,* ]] && prefix=${{cur%,*}},
                COMPREPLY=($(compgen -P "$prefix" -W "$values" -- "${{cur##*,}}"))
                compopt -o nospace 2>/dev/null
                [[ ${{#COMPREPLY[@]}} -eq 1 && $prefix == "" ]] && compopt +o nospace 2>/dev/null
                return
                ;;
        esac
    fi

    if [[ $cur == -* ]]; then
        local opts="$_taskdeskctl_global_options"
        [[ -n $command ]] && opts="$opts ${{_taskdeskctl_options[$command]-}}"
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$_taskdeskctl_commands help" -- "$cur"))
    elif [[ $command == help ]]; then
        COMPREPLY=($(compgen -W "$_taskdeskctl_commands" -- "$cur"))
    elif [[ -n $sub_allowed ]]; then
        COMPREPLY=($(compgen -W "$sub_allowed" -- "$cur"))
    fi
}} &&
    complete -F _taskdeskctl taskdeskctl

# ex: filetype=sh
"""
    with open(output, "w", encoding="utf-8") as f:
        f.write(script)


if __name__ == "__main__":
    main()
