#!/usr/bin/env python3
"""The trafilatura side of Gleaner's extraction benchmark (`gleaner-bench extraction`).

Reads a list of pages (one per line: id TAB path TAB url), then reads each page in turn and
extracts it with trafilatura on one thread, and writes one JSON object per page to --out:
{"id", "text", "title", "author", "date"}. The loop is timed; the summary (pages, seconds,
failures) is printed as one JSON line on stdout.

--mode standard is trafilatura's default extraction with its fallback algorithms (the
configuration of its published figures: comments and formatting left out, tables kept);
--mode fast is `fast=True`, its quicker path without fallbacks.
"""

import argparse
import json
import sys
import time

import trafilatura


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", required=True, help="id TAB path TAB url, one page a line")
    parser.add_argument("--out", required=True, help="where the JSON lines go")
    parser.add_argument("--mode", choices=["standard", "fast"], default="standard")
    args = parser.parse_args()

    pages = []
    with open(args.list, encoding="utf-8") as listing:
        for line in listing:
            page_id, path, url = line.rstrip("\n").split("\t")
            pages.append((page_id, path, url or None))

    results = []
    failures = 0
    start = time.perf_counter()
    for page_id, path, url in pages:
        with open(path, "rb") as page:
            html = page.read()
        try:
            extracted = trafilatura.extract(
                html,
                url=url,
                fast=args.mode == "fast",
                include_comments=False,
                include_tables=True,
                include_formatting=False,
                with_metadata=True,
                output_format="json",
            )
        except Exception as error:  # a crash on one page is that page's failure, not the run's
            print(f"trafilatura_bench: {page_id}: {error}", file=sys.stderr)
            extracted = None
            failures += 1
        results.append((page_id, extracted))
    seconds = time.perf_counter() - start

    with open(args.out, "w", encoding="utf-8") as out:
        for page_id, extracted in results:
            record = {"id": page_id, "text": "", "title": None, "author": None, "date": None}
            if extracted:
                data = json.loads(extracted)
                record.update(
                    text=data.get("text") or "",
                    title=data.get("title"),
                    author=data.get("author"),
                    date=data.get("date"),
                )
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

    print(json.dumps({"pages": len(pages), "seconds": seconds, "failures": failures}))


if __name__ == "__main__":
    main()
