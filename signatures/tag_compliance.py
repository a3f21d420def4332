#!/usr/bin/env python3
"""Developer tool: sets each built-in's compliance tags from the checks of the field it
covers (PROVIDER/field_checks.json: NAME -> [Prowler check names]) and the frameworks'
mappings of those checks to controls (src/compliance/frameworks/*.json, fieldChecks.PROVIDER),
plus the controls Signet maps a built-in to itself where the frameworks map no check of the
field to the control (PROVIDER/own_controls.json: NAME -> ["FRAMEWORK:CONTROL", ...], each
checked to exist). A tag of a framework Signet does not define (Signet-Practice, CIS-AWS-1.4,
...) is kept as it is. Every provider folder (signatures/aws, signatures/azure) in turn.

    signatures/tag_compliance.py [--check]     (--check: change nothing, exit 1 if a file would change)
"""
import json
import os
import re
import sys

root = os.path.dirname(os.path.abspath(__file__))
frameworks_dir = os.path.join(root, "..", "src", "compliance", "frameworks")

frameworks = {}
for name in sorted(os.listdir(frameworks_dir)):
    if name.endswith(".json"):
        with open(os.path.join(frameworks_dir, name), encoding="utf-8") as f:
            document = json.load(f)
        frameworks[document["id"]] = document

order = {fid: i for i, fid in enumerate(["CIS-AWS-3.0", "CIS-AWS-5.0", "CIS-AWS-6.0", "CIS-AWS-7.0", "CIS-AZURE-5.0",
                                         "CIS-AZURE-6.0", "CIS-GCP-4.0", "CIS-GCP-5.0", "AWS-FSBP", "PCI-DSS-4.0", "NIST-800-53-R5", "SOC2",
                                         "ISO-27001-2022", "HIPAA", "NIS2"])}


def sort_key(tag):
    fid, _, control = tag.partition(":")
    return (order.get(fid, len(order)), fid, [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[._]", control)])


def read_maps(here, prefix):
    """PREFIX.json and PREFIX_*.json (one per area while built-ins are written side by side), merged."""
    merged = {}
    for name in sorted(os.listdir(here)):
        if name.startswith(prefix) and name.endswith(".json") and (name == prefix + ".json" or name.startswith(prefix + "_")):
            with open(os.path.join(here, name), encoding="utf-8") as f:
                for key, value in json.load(f).items():
                    if key in merged and not key.startswith("_"):
                        sys.exit(f"tag_compliance.py: {name}: {key} is named in another {prefix} file too")
                    merged[key] = value
    return merged


def tag_provider(provider, here):
    controls_of_check = {}  # Prowler check -> ["FRAMEWORK:CONTROL", ...]
    for fid, document in frameworks.items():
        for control in document["controls"]:
            for check in control.get("fieldChecks", {}).get(provider, []):
                controls_of_check.setdefault(check, []).append(f"{fid}:{control['id']}")

    field_checks = read_maps(here, "field_checks")

    # Signet's own control mappings: only for controls the frameworks give no check of the field.
    own_controls = {k: v for k, v in read_maps(here, "own_controls").items() if not k.startswith("_")}
    control_ids = {fid: {c["id"]: c for c in document["controls"]} for fid, document in frameworks.items()}
    for stem, tags in own_controls.items():
        for tag in tags:
            fid, _, control = tag.partition(":")
            if control not in control_ids.get(fid, {}):
                sys.exit(f"tag_compliance.py: own_controls.json: {stem}: {tag} is not a control of a framework Signet defines")
            if control_ids[fid][control].get("fieldChecks", {}).get(provider):
                sys.exit(f"tag_compliance.py: own_controls.json: {stem}: {tag} has checks of the field; name them in field_checks.json instead")

    changed = []
    for stem in sorted(set(field_checks) | set(own_controls)):
        if stem.startswith("_"):
            continue
        checks = field_checks.get(stem, [])
        path = os.path.join(here, stem + ".yaml")
        if not os.path.exists(path):
            sys.exit(f"tag_compliance.py: {stem} is named in field_checks.json or own_controls.json but has no {stem}.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        match = re.search(r"^compliance:\n((?:  - .*\n?)*)", text, re.M)
        current = [line[4:].strip() for line in match.group(1).splitlines()] if match else []
        kept = [t for t in current if t.partition(":")[0] not in frameworks]
        derived = {tag for check in checks for tag in controls_of_check.get(check, [])} | set(own_controls.get(stem, []))
        tags = sorted(set(kept) | derived, key=sort_key)
        block = "compliance:\n" + "".join(f"  - {t}\n" for t in tags)
        new = text[:match.start()] + block + text[match.end():] if match else text.rstrip("\n") + "\n" + block
        if new != text:
            changed.append(stem)
            if "--check" not in sys.argv:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
    return changed


changed = []
for provider in sorted(os.listdir(root)):
    if os.path.isdir(os.path.join(root, provider)) and read_maps(os.path.join(root, provider), "field_checks"):
        changed += [provider + "/" + stem for stem in tag_provider(provider, os.path.join(root, provider))]
if "--check" in sys.argv and changed:
    sys.exit("tag_compliance.py: these built-ins' tags are not what their field checks map to: " + ", ".join(changed))
print(f"{len(changed)} signature(s) {'would change' if '--check' in sys.argv else 'updated'}")
