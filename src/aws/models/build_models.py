#!/usr/bin/env python3
"""Build-time: turns botocore's data folder into one stripped JSON file per service.

    build_models.py OUT_DIR [BOTOCORE_DATA_DIR]

Without a data folder it asks the installed botocore (python3), falling back to Debian's
python3-botocore under /usr/lib/python3/dist-packages. For every service it keeps the
newest API version's service-2.json (documentation stripped) and paginators-1.json, and
lists every API version botocore knows. endpoints.json goes to _endpoints.json, and
_meta.json records botocore's version. The C++ packer compresses and embeds the result.
"""
import gzip
import json
import os
import sys

DROP_KEYS = {"documentation", "documentationUrl", "deprecatedMessage", "examples", "errors", "uid"}


def find_botocore_data():
    try:
        import botocore  # noqa: F401
        return os.path.join(os.path.dirname(botocore.__file__), "data"), botocore.__version__
    except ImportError:
        pass
    debian = "/usr/lib/python3/dist-packages/botocore"
    if os.path.isdir(debian):
        version = "unknown"
        try:
            with open(os.path.join(debian, "__init__.py")) as f:
                for line in f:
                    if line.startswith("__version__"):
                        version = line.split("=")[1].strip().strip("'\"")
        except OSError:
            pass
        return os.path.join(debian, "data"), version
    sys.exit("build_models.py: botocore is not installed (pip install botocore, or apt-get install python3-botocore)")


def load_json(folder, name):
    plain = os.path.join(folder, name)
    if os.path.exists(plain + ".gz"):
        with gzip.open(plain + ".gz", "rt", encoding="utf-8") as f:
            return json.load(f)
    if os.path.exists(plain):
        with open(plain, encoding="utf-8") as f:
            return json.load(f)
    return None


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in DROP_KEYS}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def main():
    out_dir = sys.argv[1]
    if len(sys.argv) > 2:
        data, version = sys.argv[2], "custom"
        init = os.path.join(os.path.dirname(os.path.abspath(data)), "__init__.py")
        if os.path.exists(init):
            with open(init) as f:
                for line in f:
                    if line.startswith("__version__"):
                        version = line.split("=")[1].strip().strip("'\"")
    else:
        data, version = find_botocore_data()
    os.makedirs(out_dir, exist_ok=True)
    count = 0
    names = {}
    protocols = {}  # what each model offers, so the protocol is known without loading it
    for service in sorted(os.listdir(data)):
        folder = os.path.join(data, service)
        if not os.path.isdir(folder):
            continue
        versions = sorted(v for v in os.listdir(folder)
                          if os.path.isdir(os.path.join(folder, v)) and load_json(os.path.join(folder, v), "service-2.json") is not None)
        if not versions:
            continue
        newest = os.path.join(folder, versions[-1])
        model = strip(load_json(newest, "service-2.json"))
        paginators = (load_json(newest, "paginators-1.json") or {}).get("pagination", {})
        meta = model.get("metadata", {})
        names[service] = [meta.get(k) for k in ("serviceId", "serviceAbbreviation", "endpointPrefix", "signingName") if meta.get(k)]
        protocols[service] = {k: meta[k] for k in ("protocol", "protocols") if k in meta}
        entry = {"name": service, "versions": versions, "model": model, "paginators": paginators}
        with open(os.path.join(out_dir, service + ".json"), "w", encoding="utf-8") as f:
            json.dump(entry, f, separators=(",", ":"))
        count += 1
    with open(os.path.join(out_dir, "_endpoints.json"), "w", encoding="utf-8") as f:
        json.dump(load_json(data, "endpoints.json"), f, separators=(",", ":"))
    with open(os.path.join(out_dir, "_meta.json"), "w", encoding="utf-8") as f:
        aliases_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "service_aliases.json")
        with open(aliases_file, encoding="utf-8") as a:
            aliases = {k: v for k, v in json.load(a).items() if not k.startswith("_")}
        json.dump({"botocoreVersion": version, "services": count, "names": names, "protocols": protocols, "aliases": aliases}, f)
    print(f"build_models.py: {count} services from botocore {version} ({data})")


if __name__ == "__main__":
    main()
