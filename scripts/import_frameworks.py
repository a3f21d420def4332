#!/usr/bin/env python3
"""Developer tool: writes Signet's framework definitions (src/compliance/frameworks/*.json,
data the build embeds) from the condensed control lists in ../shared/frameworks/ (Prowler's
compliance files, Apache License 2.0). Control ids, titles and sections are the frameworks'
own; `fieldChecks` are the checks of the field (Prowler's names) mapped to each control,
which signatures/tag_compliance.py turns into each built-in's compliance tags through
signatures/aws/field_checks.json; src/compliance/field_checks_supplement.json adds Signet's
own mappings where the control lists name no check for a control the field does check.

    scripts/import_frameworks.py [SHARED_FRAMEWORKS_DIR]
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "frameworks")
out_dir = os.path.join(here, "..", "src", "compliance", "frameworks")

# Signet's tag prefix -> (name, the shared files it is made of: one per provider it maps).
# A framework that is not a cloud's own (PCI DSS, SOC 2, ...) is one framework whatever the
# cloud: its controls are the union, and each control's field checks are kept per provider.
FRAMEWORKS = {
    "CIS-AWS-3.0": ("CIS AWS Foundations Benchmark v3.0", ["aws-cis-3.0"]),
    "CIS-AWS-5.0": ("CIS AWS Foundations Benchmark v5.0", ["aws-cis-5.0"]),
    "CIS-AWS-6.0": ("CIS AWS Foundations Benchmark v6.0", ["aws-cis-6.0"]),
    "CIS-AWS-7.0": ("CIS AWS Foundations Benchmark v7.0", ["aws-cis-7.0"]),
    "AWS-FSBP": ("AWS Foundational Security Best Practices", ["aws-aws-foundational-security-best-practices"]),
    "CIS-AZURE-5.0": ("CIS Microsoft Azure Foundations Benchmark v5.0", ["azure-cis-5.0"]),
    "CIS-AZURE-6.0": ("CIS Microsoft Azure Foundations Benchmark v6.0", ["azure-cis-6.0"]),
    "CIS-GCP-4.0": ("CIS Google Cloud Platform Foundation Benchmark v4.0", ["gcp-cis-4.0"]),
    "CIS-GCP-5.0": ("CIS Google Cloud Platform Foundation Benchmark v5.0", ["gcp-cis-5.0"]),
    "PCI-DSS-4.0": ("PCI DSS v4.0", ["aws-pci-4.0", "azure-pci-4.0", "gcp-pci-4.0"]),
    "NIST-800-53-R5": ("NIST SP 800-53 Rev. 5", ["aws-nist-800-53-revision-5"]),
    "SOC2": ("SOC 2 Trust Services Criteria", ["aws-soc2", "azure-soc2", "gcp-soc2"]),
    "ISO-27001-2022": ("ISO/IEC 27001:2022 Annex A", ["aws-iso27001-2022", "azure-iso27001-2022", "gcp-iso27001-2022"]),
    "HIPAA": ("HIPAA Security Rule", ["aws-hipaa", "azure-hipaa", "gcp-hipaa"]),
    "NIS2": ("NIS2 Directive", ["aws-nis2", "azure-nis2", "gcp-nis2"]),
}

with open(os.path.join(out_dir, "..", "field_checks_supplement.json"), encoding="utf-8") as f:
    supplement = {k: v for k, v in json.load(f).items() if not k.startswith("_")}

os.makedirs(out_dir, exist_ok=True)
for tag, (title, files) in FRAMEWORKS.items():
    controls, by_id, providers, version = [], {}, [], ""
    for name in files:
        with open(os.path.join(source, name + ".json"), encoding="utf-8") as f:
            shared = json.load(f)
        provider = shared["provider"]
        providers.append(provider)
        version = version or shared.get("version", "")
        for r in shared["requirements"]:
            control = by_id.get(r["id"])
            if control is None:
                control = {"id": r["id"], "title": r.get("title", ""), "section": r.get("section", "")}
                if r.get("assessment") in ("Automated", "Manual"):
                    control["assessment"] = r["assessment"]
                if r.get("profile"):
                    control["profile"] = r["profile"]
                control["fieldChecks"] = {}
                by_id[r["id"]] = control
                controls.append(control)
            if r.get("hints"):
                control["fieldChecks"][provider] = r["hints"]
    for control_id, extra in supplement.get(tag, {}).items():
        if control_id not in by_id:
            sys.exit(f"import_frameworks.py: field_checks_supplement.json names {tag} {control_id}, which the framework does not have")
        for provider, checks in extra.items():
            known = by_id[control_id]["fieldChecks"].setdefault(provider, [])
            known.extend(c for c in checks if c not in known)
    document = {"id": tag, "name": title, "version": version, "providers": providers, "controls": controls}
    with open(os.path.join(out_dir, tag + ".json"), "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, ensure_ascii=False)
        f.write("\n")
print(f"{len(FRAMEWORKS)} frameworks written to {os.path.normpath(out_dir)}")
