#!/usr/bin/env python3
"""Extracts lib's documentation from signet_lib.js, where it is written once.

Each `//:` comment block documents the member defined on the line right after it:

    //: lib.iam.parse(doc) -> { Version, Statement }      <- signature (first line)
    //: A policy document with every list an array.      <- description (next lines)
    //: e.g. lib.iam.parse(version.Document)              <- example (optional)
    parse: entry("iam.parse", parsePolicy),

Writes a JSON array of {name, kind, signature, returns, doc, example}, in file order, for
the console editor's completions (/api/catalog) and the test that every member of lib is
documented. A block not followed by its member fails the build.

    extract_docs.py signet_lib.js OUT.json
"""
import json
import re
import sys


def extract(text):
    lines = text.split("\n")
    docs = []
    i = 0
    while i < len(lines):
        if not lines[i].strip().startswith("//:"):
            i += 1
            continue
        block = []
        while i < len(lines) and lines[i].strip().startswith("//:"):
            block.append(lines[i].strip()[3:].strip())
            i += 1
        signature = block[0]
        m = re.match(r"^(lib(?:\.\w+)+)(\(.*?\))?(?:\s*->\s*(.*))?$", signature)
        if not m:
            sys.exit(f"signet_lib.js:{i}: a //: block must start with the member's signature, got {signature!r}")
        name = m.group(1)
        member = name.split(".")[-1]
        following = lines[i].strip() if i < len(lines) else ""
        if not re.match(rf"^{re.escape(member)}\s*[:,]", following):
            sys.exit(f"signet_lib.js:{i + 1}: the //: block for {name} must come right before its member '{member}', "
                     f"found {following!r}")
        example = [b[5:].strip() for b in block[1:] if b.startswith("e.g. ")]
        description = " ".join(b for b in block[1:] if not b.startswith("e.g. "))
        if not description:
            sys.exit(f"signet_lib.js:{i}: {name} has no description")
        docs.append({
            "name": name,
            "kind": "function" if m.group(2) is not None else "value",
            "signature": signature,
            "returns": m.group(3) or "",
            "doc": description,
            "example": example[0] if example else "",
        })
    names = [d["name"] for d in docs]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        sys.exit(f"signet_lib.js: documented twice: {', '.join(sorted(duplicates))}")
    return docs


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        docs = extract(f.read())
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(docs, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
