#!/usr/bin/env python3
"""Python feedparser's side of the parsing benchmark (gleaner-bench feeds starts it).

Loads every regular file under --dir into memory first, then runs feedparser.parse(bytes) over
all of them, pass after pass, until --min-seconds have gone by; only the parsing is timed.
Prints one JSON line with the same fields as `gleaner-bench parse`.
"""
import argparse
import json
import os
import time

import feedparser


def main():
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--dir", required=True)
    arguments.add_argument("--min-seconds", type=float, default=3.0)
    options = arguments.parse_args()

    paths = []
    for root, _, names in os.walk(options.dir):
        paths.extend(os.path.join(root, name) for name in names if os.path.isfile(os.path.join(root, name)))
    paths.sort()
    files = []
    for path in paths:
        with open(path, "rb") as handle:
            files.append(handle.read())
    size = sum(len(data) for data in files)

    passes = 0
    start = time.perf_counter()
    while True:
        entries = 0
        not_feeds = 0
        errors = 0
        for data in files:
            try:
                result = feedparser.parse(data)
                entries += len(result.entries)
                if not result.version:
                    not_feeds += 1
            except Exception:  # a crash on one file is counted, as Gleaner's errors are
                errors += 1
        passes += 1
        if time.perf_counter() - start >= options.min_seconds:
            break
    seconds = time.perf_counter() - start
    print(json.dumps({
        "parser": "feedparser " + feedparser.__version__, "files": len(files), "bytes": size, "passes": passes,
        "seconds": seconds, "entries": entries, "notFeeds": not_feeds, "errors": errors,
    }))


if __name__ == "__main__":
    main()
