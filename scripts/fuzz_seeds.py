#!/usr/bin/env python3
"""Writes each fuzz target's seed inputs (cmake/fuzz.cmake, scripts/fuzz.sh).

    fuzz_seeds.py OUT_DIR [TARGET...]

One folder per target under OUT_DIR (all targets when none are named), made at run time
from data that lives elsewhere, never copied into the repository:
- the AWS protocol conformance suites (../shared/testdata/aws-protocol-tests: the raw
  answers of the output and error cases) and answers synthesized from botocore's models
  for real operations, in the input form of src/aws/parse/fuzz/fuzz_response.h;
- the real recorded Azure and Google Cloud answers (../shared/testdata/cloud-recordings) of
  the catalogs' listings, by the catalogs' recorded_listings.json;
- the project's own fixtures: signatures/aws/*.yaml, examples/, the engine's and the
  schedule's test strings, the API bodies the server tests send.
A target with no generator here gets an empty folder (libFuzzer starts from nothing).
"""
import base64
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTDATA = os.path.join(os.path.dirname(ROOT), "shared", "testdata")
CONFORMANCE = os.path.join(TESTDATA, "aws-protocol-tests", "output")
MAX_SEED_BYTES = 16384  # libFuzzer's -max_len follows the largest seed: keep inputs small

sys.path.insert(0, os.path.join(ROOT, "src", "aws", "models"))
import build_models  # noqa: E402  (finds botocore's data as the build does)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def project_files(folder, suffix):
    out = []
    for base, _, files in os.walk(os.path.join(ROOT, folder)):
        out += [os.path.join(base, f) for f in sorted(files) if f.endswith(suffix)]
    return sorted(out)


# ---- AWS answers ---------------------------------------------------------------------

def answer(selector, status, headers, body):
    """An input of the AWS targets: selector line, status line, headers, empty line, body."""
    head = f"{selector}\n{status}\n" + "".join(f"{k}: {v}\n" for k, v in headers)
    return (head + "\n").encode() + (body if isinstance(body, bytes) else body.encode())


def conformance_cases(files):
    for name in files:
        path = os.path.join(CONFORMANCE, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for suite in json.load(f):
                for case in suite["cases"]:
                    if "response" in case:
                        yield case


CONFORMANCE_FILES = {"query": ["query.json"], "ec2": ["ec2.json"], "json": ["json.json", "json_1_0.json"],
                     "rest-json": ["rest-json.json"], "rest-xml": ["rest-xml.json"]}


def conformance_answers(protocol, errors):
    """The suites' raw answers; the selector is the case id, so the target picks a real
    operation by hash (their model fragments are not the embedded models)."""
    out = {}
    for case in conformance_cases(CONFORMANCE_FILES[protocol]):
        if ("error" in case) != errors:
            continue
        r = case["response"]
        selector = protocol if errors else "#" + case["id"]
        out[f"conformance-{case['id']}"] = answer(selector, r.get("status_code", 200), sorted(r.get("headers", {}).items()),
                                                  r.get("body", ""))
    return out


class Synth:
    """A plausible answer of a real operation, from its output shape (depth-limited)."""

    def __init__(self, model, protocol):
        self.shapes, self.protocol = model["shapes"], protocol

    def scalar(self, shape):
        t = shape.get("type", "string")
        if "enum" in shape:
            return shape["enum"][0]
        if t in ("integer", "long", "short", "byte"):
            return 1
        if t in ("float", "double"):
            return 1.5
        if t == "boolean":
            return True
        if t == "timestamp":
            return 1709285400 if self.protocol in ("json", "rest-json") else "2024-03-01T09:30:00Z"
        if t == "blob":
            return base64.b64encode(b"signet").decode()
        return "sample"

    # JSON protocols
    def json_value(self, ref, depth):
        shape = self.shapes[ref["shape"]]
        t = shape.get("type", "structure")
        if shape.get("document"):
            return {"any": ["json", 1]}
        if t == "structure":
            if depth > 4:
                return {}
            return {m.get("locationName", name): self.json_value(m, depth + 1)
                    for name, m in shape.get("members", {}).items() if "location" not in m}
        if t == "list":
            return [] if depth > 4 else [self.json_value(shape["member"], depth + 1)]
        if t == "map":
            return {} if depth > 4 else {"key": self.json_value(shape["value"], depth + 1)}
        return self.scalar(shape)

    # XML protocols
    def xml_members(self, shape, depth):
        parts = []
        for name, m in shape.get("members", {}).items():
            if "location" in m or m.get("xmlAttribute"):
                continue
            parts.append(self.xml_element(m, m.get("locationName", name), depth + 1))
        return "".join(parts)

    def xml_element(self, ref, tag, depth):
        shape = self.shapes[ref["shape"]]
        t = shape.get("type", "structure")
        if t == "structure":
            return f"<{tag}>{self.xml_members(shape, depth) if depth <= 4 else ''}</{tag}>"
        if t == "list":
            item = shape["member"].get("locationName", "member")
            if shape.get("flattened") or ref.get("flattened"):
                return self.xml_element(shape["member"], tag, depth + 1) if depth <= 4 else ""
            inner = self.xml_element(shape["member"], item, depth + 1) if depth <= 4 else ""
            return f"<{tag}>{inner}</{tag}>"
        if t == "map":
            key, value = shape["key"].get("locationName", "key"), shape["value"].get("locationName", "value")
            inner = f"<entry><{key}>k</{key}>{self.xml_element(shape['value'], value, depth + 1)}</entry>" if depth <= 4 else ""
            return f"<{tag}>{inner}</{tag}>"
        v = self.scalar(shape)
        return f"<{tag}>{str(v).lower() if isinstance(v, bool) else v}</{tag}>"

    def headers(self, shape):
        out = []
        for name, m in shape.get("members", {}).items():
            if m.get("location") == "header":
                v = self.scalar(self.shapes[m["shape"]])
                out.append((m.get("locationName", name), str(v).lower() if isinstance(v, bool) else v))
            elif m.get("location") == "headers":
                out.append((m.get("locationName", "x-amz-meta-") + "color", "blue"))
        return out

    def body(self, op):
        name, output = op["name"], op["output"]
        shape = self.shapes[output["shape"]]
        if self.protocol in ("json", "rest-json"):
            payload = shape.get("payload")
            if payload:
                member = shape["members"][payload]
                kind = self.shapes[member["shape"]].get("type")
                return "payload bytes" if kind in ("blob", "string") else json.dumps(self.json_value(member, 1))
            return json.dumps(self.json_value(output, 0))
        xmlns = 'xmlns="https://example.amazonaws.com/doc/"'
        if self.protocol == "query":
            wrapper = output.get("resultWrapper", name + "Result")
            return (f"<{name}Response {xmlns}><{wrapper}>{self.xml_members(shape, 0)}</{wrapper}>"
                    f"<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></{name}Response>")
        if self.protocol == "ec2":
            return f"<{name}Response {xmlns}><requestId>req-1</requestId>{self.xml_members(shape, 0)}</{name}Response>"
        payload = shape.get("payload")  # rest-xml
        if payload:
            member = shape["members"][payload]
            kind = self.shapes[member["shape"]].get("type")
            if kind in ("blob", "string"):
                return "payload bytes"
            return self.xml_element(member, member.get("locationName", payload), 1)
        root = shape.get("locationName", output["shape"])
        return f"<{root} {xmlns}>{self.xml_members(shape, 0)}</{root}>"


def speaks(meta):
    """The protocol Signet's client speaks for a model (as aws/models/models.cpp picks it)."""
    supported = ["query", "ec2", "json", "rest-json", "rest-xml"]
    for p in list(meta.get("protocols", [])) + [meta.get("protocol", "")]:
        if p in supported:
            return p
    return meta.get("protocol")


# How many operations of each service get a synthesized answer.
OPS_PER_SERVICE = {"query": 6, "ec2": 40, "json": 1, "rest-json": 1, "rest-xml": 15}


_MODELS = None


def models():
    """(service, model) of every botocore service, newest version, read once."""
    global _MODELS
    if _MODELS is None:
        data, _ = build_models.find_botocore_data()
        _MODELS = []
        for service in sorted(os.listdir(data)):
            folder = os.path.join(data, service)
            if not os.path.isdir(folder):
                continue
            versions = sorted(v for v in os.listdir(folder) if os.path.isdir(os.path.join(folder, v)))
            for version in reversed(versions):
                model = build_models.load_json(os.path.join(folder, version), "service-2.json")
                if model:
                    _MODELS.append((service, model))
                    break
    return _MODELS


def model_answers(protocol):
    out = {}
    for service, model in models():
        if speaks(model.get("metadata", {})) != protocol:
            continue
        ops = [op for _, op in sorted(model["operations"].items()) if "output" in op]
        if not ops:
            continue
        wanted = OPS_PER_SERVICE[protocol]
        picked = [ops[i * len(ops) // wanted] for i in range(min(wanted, len(ops)))]
        synth = Synth(model, protocol)
        for op in picked:
            shape = model["shapes"][op["output"]["shape"]]
            status = op.get("http", {}).get("responseCode", 200)
            headers = synth.headers(shape) if protocol.startswith("rest") else []
            seed = answer(f"{service} {op['name']}", status, headers, synth.body(op))
            if len(seed) <= MAX_SEED_BYTES:
                out[f"model-{service}-{op['name']}"] = seed
    return out


def aws_response(protocol):
    return lambda: {**conformance_answers(protocol, errors=False), **model_answers(protocol)}


def aws_error():
    out = {}
    for protocol in CONFORMANCE_FILES:
        out.update(conformance_answers(protocol, errors=True))
    # What Signet meets beyond the suites: moto's XML for json services, empty HEAD answers,
    # throttling in a header, gateways' HTML.
    out["moto-xml-for-json"] = answer("json", 403, [], "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code>"
                                      "<Message>bad signature</Message></Error></ErrorResponse>")
    out["head-404"] = answer("rest-xml", 404, [], "")
    out["query-error-header"] = answer("json", 400, [("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")],
                                       '{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "no queue"}')
    out["errortype-header"] = answer("rest-json", 429, [("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/")], "{}")
    out["gateway-html"] = answer("query", 502, [("Content-Type", "text/html")], "<html><body>Bad Gateway</body></html>")
    out["ec2-errors"] = answer("ec2", 401, [], "<Response><Errors><Error><Code>AuthFailure</Code><Message>no</Message></Error>"
                               "</Errors><RequestID>r</RequestID></Response>")
    return out


# ---- signatures ------------------------------------------------------------------------

def metadata_files():
    return project_files("signatures/aws", ".yaml") + project_files("examples", ".yaml")


def metadata_yaml():
    out = {os.path.relpath(p, ROOT).replace("/", "_"): read(p).encode() for p in metadata_files()}
    out["broken-indent"] = b"description: x\n  service: IAM\n"
    out["not-a-map"] = b"- description\n- service\n"
    out["wrong-types"] = b"description: [a, b]\nriskLevel: {x: 1}\ncompliance: {a: b}\nenabled: maybe\n"
    out["anchors"] = b"a: &x [1, 2]\nb: *x\ndescription: !!str 12\ncompliance: [CIS:1.1, 'bad tag']\n"
    out["block-scalars"] = b"description: |\n  two\n  lines\npageDetail: >\n  folded\n  text\n"
    return out


def metadata_json():
    out = {}
    try:
        import yaml
        for p in metadata_files():
            out[os.path.relpath(p, ROOT).replace("/", "_") + ".json"] = json.dumps(yaml.safe_load(read(p)), default=str).encode()
    except ImportError:  # PyYAML comes with moto; without it the hand-written ones remain
        pass
    out.update({k: json.dumps(v).encode() for k, v in server_signature_bodies().items()})
    return out


# ---- signet test's files ---------------------------------------------------------------

def recorded_calls():
    out = {os.path.relpath(p, ROOT).replace("/", "_"): read(p).encode() for p in project_files("examples", "calls.json")}
    # engine/recorded_calls_test.cpp and the README's example
    out["cases"] = json.dumps({"calls": [
        {"service": "IAM", "endpoint": "ListMFADevices", "region": "us-east-1", "params": {"UserName": "a", "MaxItems": 5},
         "apiResponse": [1]},
        {"service": "iam", "endpoint": "GetUser", "params": {},
         "error": {"code": "NoSuchEntity", "message": "gone", "statusCode": 404}}]}).encode()
    out["array"] = json.dumps([{"service": "EC2", "endpoint": "describeVolumes", "region": "eu-west-1",
                                "params": {"Filters": [{"Name": "encrypted", "Values": ["false"]}]},
                                "apiResponse": {"Volumes": []}}]).encode()
    out["twice"] = json.dumps({"calls": [{"service": "S3", "endpoint": "ListBuckets", "apiResponse": []},
                                         {"service": "s3", "endpoint": "listBuckets", "apiResponse": []}]}).encode()
    out["both"] = json.dumps({"calls": [{"service": "S3", "endpoint": "x", "apiResponse": 1,
                                         "error": {"code": "c", "message": "m"}}]}).encode()
    return out


def resources():
    out = {os.path.relpath(p, ROOT).replace("/", "_"): read(p).encode() for p in project_files("examples", "resources.json")}
    out["wrapped"] = json.dumps({"resources": [
        {"id": "sg-1", "region": "eu-west-1", "arn": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1",
         "vpc": "vpc-1", "tags": {"env": "prod"}, "data": {"GroupId": "sg-1", "IpPermissions": []}},
        {"id": "bucket", "region": "us-east-1", "name": None, "service": "S3", "arn": "arn:aws:s3:::bucket"}]}).encode()
    out["refused"] = json.dumps([{"id": "", "region": "us-east-1"}, {"id": "x"}, {"id": 1, "region": 2},
                                 {"id": "y", "region": "r", "tags": []}]).encode()
    return out


# ---- Azure and Google Cloud listings ----------------------------------------------------

def small_listing(selector, answer, list_field):
    """A listing input (src/testing/fuzz_listing.h) under MAX_SEED_BYTES: items dropped from
    the end of `list_field` until it fits (a page of one item at least)."""
    items = answer.get(list_field) if isinstance(answer, dict) else None
    while True:
        data = (selector + "\n" + json.dumps(answer)).encode()
        if len(data) <= MAX_SEED_BYTES or not isinstance(items, list) or len(items) <= 1:
            return data[:MAX_SEED_BYTES]
        items = items[: len(items) // 2]
        answer = dict(answer, **{list_field: items})


def azure_listings():
    """The real recorded cassettes' answers of the catalog's types (src/azure/catalog/recorded_listings.json)."""
    listings = json.loads(read(os.path.join(ROOT, "src", "azure", "catalog", "recorded_listings.json")))["listings"]
    out = {}
    for key, where in listings.items():
        cassette = json.loads(read(os.path.join(TESTDATA, "cloud-recordings", "azure-cassettes", where["file"])))
        body = cassette["interactions"][where["interaction"]]["response"]["body"]
        body = body.get("data", body.get("string"))
        if isinstance(body, str):
            body = json.loads(body)
        out[key] = small_listing(key, body, "value")
    out["single"] = b"Microsoft.Resources/subscription\n" + json.dumps({"id": "/subscriptions/x", "displayName": "x", "tags": 3}).encode()
    out["odd"] = b"Microsoft.Compute/disk\n" + json.dumps({"value": [{"id": 1, "name": None, "location": " East US ", "tags": {"a": 1}},
                                                                      {}, [], {"properties": {"subnet": {"id": "/x/virtualNetworks/v/subnets/s"}}}],
                                                            "nextLink": 5}).encode()
    return out


def gcp_listings():
    """The real recorded answers of the catalog's types (src/gcp/catalog/recorded_listings.json)."""
    listings = json.loads(read(os.path.join(ROOT, "src", "gcp", "catalog", "recorded_listings.json")))["listings"]
    out = {}
    for key, file in listings.items():
        body = json.loads(read(os.path.join(TESTDATA, "cloud-recordings", "gcp-flights", file)))["body"]
        if isinstance(body, str):
            body = json.loads(body)
        field = next((k for k, v in body.items() if isinstance(v, (list, dict)) and k not in ("warning",)), "items") if isinstance(body, dict) else "items"
        out[key] = small_listing(key, body, field)
    out["aggregated"] = b"compute/instance\n" + json.dumps({"items": {"zones/us-central1-a": {"instances": [
        {"name": "a", "zone": "zones/us-central1-a", "labels": {"x": 1}, "networkInterfaces": [{"network": 5}]}]},
        "zones/x": {"warning": {"code": "NO_RESULTS_ON_PAGE"}}, "regions/y": []}}).encode()
    return out


# ---- schedules ---------------------------------------------------------------------------

def cron():
    text = read(os.path.join(ROOT, "src", "schedule", "schedule_test.cpp"))
    found = re.findall(r'(?:Cron::parse|message|parse_interval)\("([^"]*)"\)', text)
    found += re.findall(r'\{"(?:cron|every)", "([^"]*)"\}', text)
    found += ["0 3 * * *", "*/5 9-17 * jan-dec mon-fri", "0 0 29 2 1", "15,45 */2 1,15 * *", "90s", "1d", "6 h", "366d"]
    return {f"case-{i:02d}": s.encode() for i, s in enumerate(dict.fromkeys(found))}


# ---- the API's request bodies ------------------------------------------------------------

def custom_signature():  # server_test.cpp's
    return {"description": "Ensure MFA is enabled for all IAM users that have a password", "provider": "aws",
            "service": "IAM", "resourceType": "user", "riskLevel": "High", "passMessage": "MFA is enabled",
            "failMessage": "MFA is not enabled", "compliance": ["CIS-AWS-3.0:1.10"],
            "code": "module.exports = async function (apiCaller, resource) { return { statusSig: true }; };"}


def server_signature_bodies():
    sig = custom_signature()
    return {"signature": sig,
            "signature-bad": {**sig, "riskLevel": "Urgent", "service": "Nope", "resourceType": "Not A Type", "code": ""},
            "signature-types": {**sig, "description": 7, "compliance": "CIS:1", "enabled": "yes", "id": "lower-case"}}


def api_bodies():
    yaml_files = metadata_files()[:3]
    imported = [{"name": os.path.basename(p)[:-5], "yaml": read(p), "js": read(p[:-5] + ".js")} for p in yaml_files
                if os.path.exists(p[:-5] + ".js")]
    bodies = [
        ("POST /api/signatures/validate", custom_signature()),
        ("POST /api/signatures", custom_signature()),
        ("POST /api/signatures", server_signature_bodies()["signature-bad"]),
        ("PUT /api/signatures/CUSTOM-0001", server_signature_bodies()["signature-types"]),
        ("PUT /api/signatures/AWS-FUZZ-001", custom_signature()),
        ("POST /api/signatures/import", {"signatures": imported}),
        ("POST /api/signatures/import", {"signatures": [{"name": "x", "yaml": "description: [", "js": ""}, 3, {"yaml": 1}]}),
        ("PUT /api/settings", {"regions": ["eu-west-1"], "testTimeLimitSeconds": 30}),
        ("PUT /api/settings", {"regions": ["mars-1"], "testTimeLimitSeconds": 0, "publicUrl": "https://signet.example/"}),
        ("POST /api/channels", {"name": "security", "type": "webhook", "url": "https://hooks.example.com/signet",
                                "signingSecret": "0123456789abcdef", "minLevel": "Medium", "notifyFixed": True}),
        ("POST /api/channels", {"name": "ops", "type": "slack", "url": "https://hooks.slack.com/services/T/B/x",
                                "services": "IAM, EC2", "signatures": ["AWS-FUZZ-001"], "accounts": []}),
        ("POST /api/channels", {"name": "mail", "type": "email", "smtpUrl": "smtp://mail.example.com:587",
                                "from": "signet@example.com", "to": ["security@example.com"], "smtpUser": "signet",
                                "password": "secret", "starttls": "try"}),
        ("PUT /api/channels/1", {"enabled": False, "minLevel": "Low", "url": None}),
        ("POST /api/schedules", {"name": "nightly", "cron": "0 3 * * *", "regions": "us-east-1, eu-west-1"}),
        ("POST /api/schedules", {"name": "", "every": "6h", "cron": "0 3 * * *", "regions": ["mars"]}),
        ("PUT /api/schedules/1", {"every": "6h", "enabled": False, "account": "prod"}),
        ("POST /api/tokens", {"name": "ci"}),
        ("POST /api/users", {"name": "grace", "role": "editor", "password": "short"}),
        ("PUT /api/users/vic", {"role": "root"}),
        ("PUT /api/users/vic", {"role": "editor"}),
    ]
    out = {f"body-{i:02d}": f"{route}\n{json.dumps(body)}".encode() for i, (route, body) in enumerate(bodies)}
    out["not-json"] = b"POST /api/signatures\n{nope"
    out["array"] = b"PUT /api/settings\n[]"
    out["empty"] = b"POST /api/channels\n"
    return out


def worker_frames():
    """Frames a worker sends (src/sandbox/protocol.h): u32 header length, u32 payload length,
    a JSON header, a raw payload; several per input, as they arrive on the socket."""
    def frame(header, payload=b""):
        h = json.dumps(header).encode()
        return len(h).to_bytes(4, "little") + len(payload).to_bytes(4, "little") + h + payload
    console = [["log", "hello"], ["error", "TypeError: x (signature.js:3:7)"]]
    messages = {
        "ready": frame({"type": "ready"}),
        "started_call_done": frame({"type": "started", "job": 1, "atNs": 123456789}) +
                             frame({"type": "call", "job": 1, "call": 1}, b'{"service":"IAM","endpoint":"ListUsers"}') +
                             frame({"type": "done", "job": 1, "status": "pass", "message": "ok", "durationMs": 1.5,
                                    "console": console, "consoleTruncated": False, "workerPeakRssKiB": 20480}),
        "done_time_limit": frame({"type": "done", "job": 2, "status": "error", "message": "time limit exceeded",
                                  "durationMs": 60000.0, "console": [], "limit": "time"}),
        "done_memory_retire": frame({"type": "done", "job": 3, "status": "error", "message": "out of memory",
                                     "console": [], "limit": "memory"}) + frame({"type": "retire"}),
        "compiled_error": frame({"type": "compiled", "script": 7,
                                 "error": {"message": "SyntaxError: missing }", "line": 9, "column": 3}}),
        "compiled_ok": frame({"type": "compiled", "script": 8}),
        "measured": frame({"type": "measured", "usPerRealm": 150.5}),
        "fatal": frame({"type": "fatal", "message": "JS_Init failed"}),
        "partial": frame({"type": "ready"})[:-3],
    }
    return messages


GENERATORS = {
    **{f"aws_response_{p.replace('-', '_')}_fuzz": aws_response(p) for p in CONFORMANCE_FILES},
    "aws_error_fuzz": aws_error,
    "signature_metadata_yaml_fuzz": metadata_yaml,
    "signature_metadata_json_fuzz": metadata_json,
    "engine_recorded_calls_fuzz": recorded_calls,
    "engine_resources_fuzz": resources,
    "schedule_cron_fuzz": cron,
    "server_api_body_fuzz": api_bodies,
    "sandbox_worker_frames_fuzz": worker_frames,
    "azure_listing_fuzz": azure_listings,
    "gcp_listing_fuzz": gcp_listings,
}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_dir, wanted = sys.argv[1], sys.argv[2:] or list(GENERATORS)
    for target in wanted:
        folder = os.path.join(out_dir, target)
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            os.remove(os.path.join(folder, old))
        seeds = GENERATORS[target]() if target in GENERATORS else {}
        for name, data in seeds.items():
            with open(os.path.join(folder, re.sub(r"[^A-Za-z0-9._-]", "_", name)), "wb") as f:
                f.write(data)
        print(f"fuzz_seeds.py: {target}: {len(seeds)} seeds")


if __name__ == "__main__":
    main()
