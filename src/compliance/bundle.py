#!/usr/bin/env python3
"""Bundles the frameworks (frameworks/*.json) into one JSON array for the build to embed,
keeping what reports show: id, name, version, providers, and each control's id, title,
section and assessment (Automated or Manual, where the framework says)."""
import json
import os
import sys

source, out = sys.argv[1], sys.argv[2]
bundle = []
for name in sorted(os.listdir(source)):
    if not name.endswith(".json"):
        continue
    with open(os.path.join(source, name), encoding="utf-8") as f:
        framework = json.load(f)
    controls = []
    for c in framework["controls"]:
        control = {"id": c["id"], "title": c.get("title", ""), "section": c.get("section", "")}
        if c.get("assessment"):
            control["assessment"] = c["assessment"]
        controls.append(control)
    bundle.append({"id": framework["id"], "name": framework.get("name", framework["id"]), "version": framework.get("version", ""),
                   "providers": framework.get("providers", []), "controls": controls})
with open(out + ".tmp", "w", encoding="utf-8") as f:
    json.dump(bundle, f, ensure_ascii=False, separators=(",", ":"))
os.replace(out + ".tmp", out)
