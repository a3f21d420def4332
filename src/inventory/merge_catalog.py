#!/usr/bin/env python3
"""Build-time: merges the catalog's data files (one per service, each {"types": [...]}) into
the one document the binary embeds, {"types": [...]}, and refuses a catalog a reviewer
would not accept: a service spread over several files, a type listed twice, a service
without exactly one primary type.

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
for service in file_of_service:
    if len(primaries.get(service, [])) != 1:
        problems.append(f"{file_of_service[service]}: service {service} needs exactly one primary type, has {primaries.get(service, [])}")
if problems:
    sys.exit("merge_catalog.py: the catalog is not valid:\n  " + "\n  ".join(problems))
with open(out, "w", encoding="utf-8") as f:
    json.dump({"types": types}, f)
