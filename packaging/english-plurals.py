#!/usr/bin/env python3
"""Writes the plural forms of translations/taskdesk_en.ts.

Texts for people are written with "(s)" where the noun follows a count
("%n task(s) deleted."), or in the plural when the singular is never shown
("Force stop %n tasks?"). This writes both English forms of every message,
every time: a singular whose verb or pronoun must agree gets a rule in
SINGULAR below, never a hand edit of the .ts file.
"""
import re
import sys
import xml.etree.ElementTree as ET

NOUNS = {
    "tasks": "task", "entries": "entry", "processes": "process",
    "workers": "worker", "hours": "hour", "items": "item", "rows": "row",
    "lines": "line", "minutes": "minute", "seconds": "second", "days": "day",
    "schedules": "schedule", "runs": "run", "attempts": "attempt",
    "alerts": "alert",
}

# In the singular form, these words change with the noun.
SINGULAR = [
    (" stay as they are", " stays as it is"),
    (" stay as they were", " stays as it was"),
    ("and stop all their running items. Use this if the tasks are stuck",
     "and stop all its running items. Use this if the task is stuck"),
    ("and their running items stopped; workers running them are told to stop",
     "and its running items stopped; the worker running it is told to stop"),
    (" task go back to PENDING", " task goes back to PENDING"),
    ("and all their items will run again", "and all its items will run again"),
    (", their items and their log lines are removed for good. The audit log keeps a record of them",
     ", its items and its log lines are removed for good. The audit log keeps a record of it"),
    ("had changed meanwhile and were left alone", "had changed meanwhile and was left alone"),
    (" entry match", " entry matches"),
    (" worker that stop are", " worker that stops are"),
    (" item were also stopped", " item was also stopped"),
    ("Stop all %n process?", "Stop the %n process?"),
    (" alert settings.", " alert setting."),
]


def forms(source):
    one = re.sub(r"y\(s\)", "y", source)
    many = re.sub(r"y\(s\)", "ies", source)
    one = re.sub(r"\((?:e?s)\)", "", one)
    many = re.sub(r"\((e?s)\)", r"\1", many)

    def singular(match):
        word = match.group(2)
        return match.group(1) + NOUNS.get(word, word)

    one = re.sub(r"(%L?n\s+(?:other\s+|more\s+|stuck\s+|selected\s+|matching\s+)?)(\w+)",
                 singular, one)
    for plural, single in SINGULAR:
        one = one.replace(plural, single)
    return one, many


def main(path):
    tree = ET.parse(path)
    written = 0
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        numerus = translation.findall("numerusform")
        one, many = forms(message.find("source").text)
        for n in numerus:
            translation.remove(n)
        for text in (one, many):
            ET.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
        written += 1
    ET.indent(tree, space="    ")
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        out.write(ET.tostring(tree.getroot(), encoding="unicode"))
        out.write("\n")
    print(f"{path}: {written} plural message(s) written")


if __name__ == "__main__":
    main(sys.argv[1])
