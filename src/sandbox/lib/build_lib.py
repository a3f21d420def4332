#!/usr/bin/env python3
"""Builds lib, the helper library signatures get as their third argument, from its sources:
core.js and one file per part (net.js, iam.js, ...), all in this folder.

    build_lib.py LIB_DIR BUNDLE.json DOCS.json

BUNDLE.json: {"core": SOURCE, "parts": {NAME: SOURCE}}, embedded in the sandbox, which
compiles each once per worker (src/sandbox/js_engine.cpp).

DOCS.json: the documentation, written once in the sources. Each `//:` comment block
documents the member defined on the line right after it:

    //: lib.iam.parse(doc) -> { Version, Statement }      <- signature (first line)
    //: A policy document with every list an array.      <- description (next lines)
    //: e.g. lib.iam.parse(version.Document)              <- example (optional)
    //: calls: S3.getBucketAcl CloudWatch.describeAlarms  <- the apiCaller requests it makes (if any)
    parse: entry("iam.parse", parsePolicy),

as a JSON array of {name, kind, signature, returns, doc, example}, core's first, for the
console editor's completions (/api/catalog) and the test that every member of lib is
documented. A block not followed by its member fails the build.
"""
import json
import os
import re
import sys


def extract(filename, text):
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
            sys.exit(f"{filename}:{i}: a //: block must start with the member's signature, got {signature!r}")
        name = m.group(1)
        member = name.split(".")[-1]
        following = lines[i].strip() if i < len(lines) else ""
        if not re.match(rf"^(get\s+)?{re.escape(member)}\s*[:,(]", following):
            sys.exit(f"{filename}:{i + 1}: the //: block for {name} must come right before its member '{member}', "
                     f"found {following!r}")
        example = [b[5:].strip() for b in block[1:] if b.startswith("e.g. ")]
        calls = []
        for b in block[1:]:
            if b.startswith("calls: "):
                for call in b[len("calls: "):].split():
                    service, _, endpoint = call.partition(".")
                    if not service or not endpoint:
                        sys.exit(f"{filename}:{i}: {name}: a call is SERVICE.endpoint, got {call!r}")
                    calls.append({"service": service, "endpoint": endpoint})
        description = " ".join(b for b in block[1:] if not b.startswith("e.g. ") and not b.startswith("calls: "))
        if not description:
            sys.exit(f"{filename}:{i}: {name} has no description")
        docs.append({
            "name": name,
            "kind": "function" if m.group(2) is not None else "value",
            "signature": signature,
            "returns": m.group(3) or "",
            "doc": description,
            "example": example[0] if example else "",
            "calls": calls,
        })
    # A part that makes apiCaller requests must say which, on the members that make them:
    # `signet permissions` grants a signature what the lib functions it uses call.
    declared = {(c["service"], c["endpoint"]) for d in docs for c in d["calls"]}
    for service, endpoint in re.findall(r'service:\s*"([^"]+)",\s*endpoint:\s*"([^"]+)"', text):
        if (service, endpoint) not in declared:
            sys.exit(f"{filename}: calls {service}.{endpoint} but no member's //: calls: line says so")
    return docs


def main():
    folder, bundle_path, docs_path = sys.argv[1:4]
    names = sorted(n[:-3] for n in os.listdir(folder) if n.endswith(".js"))
    if "core" not in names:
        sys.exit(f"{folder}: core.js is missing")
    sources = {}
    for name in names:
        with open(os.path.join(folder, name + ".js"), encoding="utf-8") as f:
            sources[name] = f.read()
    docs = []
    for name in ["core"] + [n for n in names if n != "core"]:
        docs += extract(name + ".js", sources[name])
    documented = [d["name"] for d in docs]
    twice = sorted({n for n in documented if documented.count(n) > 1})
    if twice:
        sys.exit(f"{folder}: documented twice: {', '.join(twice)}")
    with open(bundle_path, "w", encoding="utf-8") as f:
        json.dump({"core": sources.pop("core"), "parts": sources}, f)
    with open(docs_path, "w", encoding="utf-8") as f:
        json.dump(docs, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
