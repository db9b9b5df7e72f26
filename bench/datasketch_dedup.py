#!/usr/bin/env python3
"""The datasketch side of Gleaner's dedup benchmark (`gleaner-bench dedup`).

Reads the documents listed in --list (one per line: name TAB path), in that order, and clusters
them as an ingester would, one at a time: each text becomes lower-cased word 3-shingles, a
MinHash (128 permutations) and a query of a MinHashLSH at --threshold; a document joins the
cluster of the first candidate found, else starts a new one, and is then inserted. Writes one
line per document to --out: name TAB cluster. Prints the loop's wall seconds as JSON.
"""

import argparse
import json
import re
import time

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text):
    words = WORD.findall(text.lower())
    if len(words) < 3:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--threshold", type=float, default=0.8)
    args = parser.parse_args()

    documents = []
    with open(args.list, encoding="utf-8") as listing:
        for line in listing:
            name, path = line.rstrip("\n").split("\t")
            documents.append((name, path))

    lsh = MinHashLSH(threshold=args.threshold, num_perm=128)
    cluster_of = {}
    clusters = 0
    start = time.perf_counter()
    for name, path in documents:
        with open(path, encoding="utf-8", errors="replace") as document:
            text = document.read()
        sketch = MinHash(num_perm=128)
        for shingle in shingles(text):
            sketch.update(shingle.encode("utf-8"))
        candidates = lsh.query(sketch)
        if candidates:
            cluster_of[name] = cluster_of[sorted(candidates)[0]]
        else:
            clusters += 1
            cluster_of[name] = f"c{clusters}"
        lsh.insert(name, sketch)
    seconds = time.perf_counter() - start

    with open(args.out, "w", encoding="utf-8") as out:
        for name, _ in documents:
            out.write(f"{name}\t{cluster_of[name]}\n")
    print(json.dumps({"documents": len(documents), "seconds": seconds}))


if __name__ == "__main__":
    main()
