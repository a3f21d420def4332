#!/usr/bin/env python3
"""Seeds what the built-in signatures' tests need beyond the base test account
(src/aws/reference/seed_account.py, which runs first): every module of this folder, in name
order, gets `seed(client, regions)`, where `client(service, region="us-east-1")` is a boto3
client for the moto server at ENDPOINT_URL. A module seeds its own services, each resource
made so that the signatures' tests (../tests/NAME.json) have both a Pass and a Fail.

    run.py ENDPOINT_URL
"""
import importlib.util
import os
import sys

import boto3

ENDPOINT = sys.argv[1]
REGIONS = ["us-east-1", "eu-west-1"]


def client(service, region="us-east-1"):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=region,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def main():
    folder = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py") or name == "run.py" or name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(folder, name))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        try:
            module.seed(client, REGIONS)
        except Exception as e:  # say which module broke, then fail the seeding
            sys.exit(f"seed/{name}: {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
