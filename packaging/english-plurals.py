#!/usr/bin/env python3
"""Fills the empty plural forms of translations/taskdesk_en.ts.

Texts for people are written with "(s)" where the noun follows a count
("%n task(s) deleted."), or in the plural when the singular is never shown
("Force stop %n tasks?"). This writes both English forms for each message
that has none yet; forms already written (by hand, too) are kept.
"""
import re
import sys
import xml.etree.ElementTree as ET

NOUNS = {
    "tasks": "task", "entries": "entry", "processes": "process",
    "workers": "worker", "hours": "hour", "items": "item", "rows": "row",
    "lines": "line", "minutes": "minute", "seconds": "second", "days": "day",
    "schedules": "schedule", "runs": "run", "attempts": "attempt",
}


def forms(source):
    one = re.sub(r"\((?:e?s)\)", "", source)
    many = re.sub(r"\((e?s)\)", r"\1", source)

    def singular(match):
        word = match.group(2)
        return match.group(1) + NOUNS.get(word, word)

    one = re.sub(r"(%L?n\s+(?:other\s+|more\s+|stuck\s+|selected\s+)?)(\w+)", singular, one)
    return one, many


def main(path):
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        numerus = translation.findall("numerusform")
        if all((n.text or "").strip() for n in numerus) and len(numerus) == 2:
            continue
        one, many = forms(message.find("source").text)
        for n in numerus:
            translation.remove(n)
        for text in (one, many):
            ET.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
        filled += 1
    ET.indent(tree, space="    ")
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        out.write(ET.tostring(tree.getroot(), encoding="unicode"))
        out.write("\n")
    print(f"{path}: {filled} message(s) filled")


if __name__ == "__main__":
    main(sys.argv[1])
