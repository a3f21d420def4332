#!/usr/bin/env python3
"""Build-time: bundles the built-in signatures (NAME.yaml + NAME.js files of each provider's
folder: signatures/aws, signatures/azure) into one JSON array [{"name", "yaml", "js"}] to
embed in the binary.

    bundle.py SIGNATURES_DIR OUT_JSON
"""
import json
import os
import sys

root, out = sys.argv[1], sys.argv[2]
bundle = []
names = set()
for provider in sorted(os.listdir(root)):
    folder = os.path.join(root, provider)
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".yaml"):
            continue
        stem = name[:-5]
        js = os.path.join(folder, stem + ".js")
        if not os.path.exists(js):
            sys.exit(f"bundle.py: {provider}/{name} has no {stem}.js beside it")
        if stem in names:
            sys.exit(f"bundle.py: {provider}/{name}: another provider's folder has a built-in of that name")
        names.add(stem)
        with open(os.path.join(folder, name), encoding="utf-8") as y, open(js, encoding="utf-8") as j:
            bundle.append({"name": stem, "yaml": y.read(), "js": j.read()})
with open(out, "w", encoding="utf-8") as f:
    json.dump(bundle, f)
