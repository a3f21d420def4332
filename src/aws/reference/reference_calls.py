#!/usr/bin/env python3
"""Calls each operation of operations.json with boto3 and writes the parsed answers,
normalized as the AWS CLI prints them (timestamps ISO-8601 UTC, blobs base64,
ResponseMetadata dropped), for the C++ client to be compared with.

    reference_calls.py ENDPOINT_URL OPERATIONS_JSON OUT_JSON
"""
import base64
import datetime
import json
import sys

import boto3
from botocore import xform_name
from botocore.exceptions import ClientError


def normalize(value):
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(datetime.timezone.utc).isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    if hasattr(value, "read"):  # streaming bodies
        return base64.b64encode(value.read()).decode()
    return value


def main():
    endpoint, ops_path, out_path = sys.argv[1:4]
    with open(ops_path) as f:
        ops = json.load(f)["operations"]
    results = []
    for op in ops:
        c = boto3.client(op["service"], endpoint_url=endpoint, region_name=op.get("region", "us-east-1"),
                         aws_access_key_id="testing", aws_secret_access_key="testing")
        try:
            answer = getattr(c, xform_name(op["operation"]))(**op.get("params", {}))
            results.append({"result": normalize(answer), "error": None})
        except ClientError as e:
            results.append({"result": None, "error": {"code": e.response["Error"].get("Code", ""),
                                                      "statusCode": e.response["ResponseMetadata"].get("HTTPStatusCode")}})
    with open(out_path, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
