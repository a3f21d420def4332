#!/usr/bin/env python3
"""Packs the web console's built files (Vite's output folder) into one JSON document,
{"/path": {"type": MIME, "base64": ...}}, that the binary embeds. With no folder (built
without Node), writes an empty document: `signet serve` then says how to build the pages."""
import base64, json, mimetypes, os, sys

TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8",
         ".svg": "image/svg+xml", ".json": "application/json", ".woff2": "font/woff2", ".png": "image/png", ".ico": "image/x-icon"}

def main(folder, out):
    files = {}
    if folder != "-" and os.path.isdir(folder):
        for root, _, names in os.walk(folder):
            for name in sorted(names):
                path = os.path.join(root, name)
                rel = "/" + os.path.relpath(path, folder).replace(os.sep, "/")
                ext = os.path.splitext(name)[1]
                kind = TYPES.get(ext) or mimetypes.guess_type(name)[0] or "application/octet-stream"
                with open(path, "rb") as f:
                    files[rel] = {"type": kind, "base64": base64.b64encode(f.read()).decode()}
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(files, f, sort_keys=True)
    os.replace(tmp, out)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
