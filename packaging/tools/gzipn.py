#!/usr/bin/env python3
"""gzip -9n IN > OUT: compressed without a name or a time, so that two builds
of the same text give the same bytes (Debian compresses man pages and
changelogs so)."""

import gzip
import sys

with open(sys.argv[1], "rb") as src, open(sys.argv[2], "wb") as raw:
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as out:
        out.write(src.read())
