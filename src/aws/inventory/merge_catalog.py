#!/usr/bin/env python3
"""Build-time: merges the catalog's data files (one per service, each {"types": [...]}) into
the one document the binary embeds, {"types": [...]}, and refuses a catalog a reviewer
would not accept: a service spread over several files, a type listed twice, a service
without exactly one primary type, a child type whose parent is not a type of its service.

    merge_catalog.py CATALOG_DIR OUT_JSON
"""
import json
import os
import sys

folder, out = sys.argv[1], sys.argv[2]
types, file_of_service, seen, primaries = [], {}, set(), {}
problems = []
for name in sorted(os.listdir(folder)):
    if not name.endswith(".json"):
        continue
    path = os.path.join(folder, name)
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
    except ValueError as e:
        sys.exit(f"merge_catalog.py: {path}: {e}")
    if not isinstance(document, dict) or not isinstance(document.get("types"), list):
        sys.exit(f'merge_catalog.py: {path}: expected {{"types": [...]}}')
    for spec in document["types"]:
        service, kind = spec.get("service"), spec.get("type")
        if not isinstance(service, str) or not isinstance(kind, str):
            problems.append(f"{name}: a type without 'service' and 'type': {json.dumps(spec)[:120]}")
            continue
        if file_of_service.setdefault(service, name) != name:
            problems.append(f"{name}: service {service} is already described in {file_of_service[service]}")
        if (service, kind) in seen:
            problems.append(f"{name}: {service}/{kind} is listed twice")
        seen.add((service, kind))
        if spec.get("primary"):
            primaries.setdefault(service, []).append(kind)
        types.append(spec)
by_key = {(spec["service"], spec["type"]): spec for spec in types if isinstance(spec.get("service"), str)}
for (service, kind), spec in by_key.items():
    # A child type (listed once per resource of its parent) names a parent of its own service,
    # and following parents never comes back to where it started.
    seen_chain, key = set(), (service, kind)
    while "parent" in by_key.get(key, {}):
        parent = by_key[key]["parent"]
        if not isinstance(parent, dict) or not isinstance(parent.get("type"), str):
            problems.append(f"{file_of_service[service]}: {key[0]}/{key[1]}: 'parent' must be {{\"type\": ..., \"params\": {{...}}}}")
            break
        seen_chain.add(key)
        key = (service, parent["type"])
        if key not in by_key:
            problems.append(f"{file_of_service[service]}: {service}/{kind}: its parent type {parent['type']} is not a type of {service}")
            break
        if key in seen_chain:
            problems.append(f"{file_of_service[service]}: {service}/{kind}: its parents make a cycle")
            break
for service in file_of_service:
    if len(primaries.get(service, [])) != 1:
        problems.append(f"{file_of_service[service]}: service {service} needs exactly one primary type, has {primaries.get(service, [])}")
if problems:
    sys.exit("merge_catalog.py: the catalog is not valid:\n  " + "\n  ".join(problems))
with open(out, "w", encoding="utf-8") as f:
    json.dump({"types": types}, f)
