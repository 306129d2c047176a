"""`make bench`: the AWS scan against a moto server on 127.0.0.1, with 50 ms per call.

Real AWS calls take tens to hundreds of milliseconds; a local moto call takes a few. The
injected latency (a sleep before each request is sent, which releases the GIL like a real
network wait) models the round trip, so the figure that matters is the speed-up of the
default worker pool over one worker, measured in the same run on the same estate.

The server runs in a child process, so that it does not share the scanner's interpreter
lock. The estate: at least 2,000 resources over 4 regions, mixing types that are read with
one list call and types that need a call per resource.

    python bench/aws_scan.py               # the table
    python bench/aws_scan.py --latency-ms 100 --json
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scanbench import arguments, child_server, report

REGIONS = ("eu-west-1", "eu-central-1", "eu-north-1", "eu-west-3")
PER_REGION = 30  # of each serverless and data type; most need a call or two per resource
TARGET_SPEEDUP = 8.0


def serve(ready: Any) -> None:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    ready.send(server.get_host_and_port())
    while True:
        time.sleep(3600)


def seed(endpoint: str) -> int:
    """Create the estate through the server's API; returns how many resources it holds."""
    import boto3

    session = boto3.Session()
    count = 0
    iam = session.client("iam", endpoint_url=endpoint, region_name="us-east-1")
    role = iam.create_role(RoleName="bench-fn", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    count += 1
    for region in REGIONS:
        ec2 = session.client("ec2", endpoint_url=endpoint, region_name=region)
        ec2.run_instances(
            ImageId="ami-12c6146b", MinCount=100, MaxCount=100, InstanceType="m5.large"
        )
        count += 200  # the instances and their root volumes
        vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
        for n in range(40):
            ec2.create_volume(Size=100, AvailabilityZone=f"{region}a", VolumeType="gp3")
            ec2.create_security_group(GroupName=f"sg-{n}", Description="bench", VpcId=vpc)
        count += 80
        rds = session.client("rds", endpoint_url=endpoint, region_name=region)
        for n in range(10):
            rds.create_db_instance(
                DBInstanceIdentifier=f"db-{n}",
                Engine="postgres",
                DBInstanceClass="db.m5.large",
                AllocatedStorage=100,
                MasterUsername="admin",
                MasterUserPassword="not-a-secret-1",
            )
        sqs = session.client("sqs", endpoint_url=endpoint, region_name=region)
        sns = session.client("sns", endpoint_url=endpoint, region_name=region)
        dynamodb = session.client("dynamodb", endpoint_url=endpoint, region_name=region)
        logs = session.client("logs", endpoint_url=endpoint, region_name=region)
        secrets = session.client("secretsmanager", endpoint_url=endpoint, region_name=region)
        functions = session.client("lambda", endpoint_url=endpoint, region_name=region)
        s3 = session.client("s3", endpoint_url=endpoint, region_name=region)
        for n in range(PER_REGION):
            sqs.create_queue(QueueName=f"queue-{n}", tags={"app": "bench"})
            sns.create_topic(Name=f"topic-{n}", Tags=[{"Key": "app", "Value": "bench"}])
            dynamodb.create_table(
                TableName=f"table-{n}",
                KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
            logs.create_log_group(logGroupName=f"/bench/{n}")
            secrets.create_secret(Name=f"secret-{n}", SecretString="not-a-secret")
            functions.create_function(
                FunctionName=f"fn-{n}",
                Runtime="python3.12",
                Role=role,
                Handler="app.handler",
                Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18},
            )
            s3.create_bucket(
                Bucket=f"bench-{region}-{n}",
                CreateBucketConfiguration={"LocationConstraint": region},
            )
        count += PER_REGION * 7
    return count


def scan(workers: int, latency: float) -> tuple[float, Any]:
    from connectors.aws import AwsConnector, AwsOptions
    from connectors.interface import scan as run

    def slow(client: Any) -> None:
        client.meta.events.register_first("before-send.*.*", lambda **_: time.sleep(latency))

    options = AwsOptions(regions=REGIONS, max_workers=workers, client_hook=slow)
    started = time.perf_counter()
    cpu = time.process_time()
    connector = AwsConnector(options)
    inventory = run(connector, connector.discover())
    if os.environ.get("BENCH_CPU"):
        print(f"workers {workers}: cpu {time.process_time() - cpu:.2f} s", file=sys.stderr)
    return time.perf_counter() - started, inventory


def main() -> int:
    args = arguments(__doc__)
    latency = args.latency_ms / 1000

    # Before the server starts: moto reads it when it creates its EC2 backend, and would
    # otherwise give every region ~1,300 snapshots behind its built-in images.
    os.environ["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
    with child_server(serve) as (host, port):
        endpoint = f"http://{host}:{port}"
        os.environ.update(
            AWS_ENDPOINT_URL=endpoint,
            AWS_ACCESS_KEY_ID="bench",
            AWS_SECRET_ACCESS_KEY="bench",
            AWS_DEFAULT_REGION=REGIONS[0],
        )
        started = time.perf_counter()
        seeded = seed(endpoint)
        seeding = time.perf_counter() - started
        scan(8, 0.0)  # warm-up: imports and botocore's model caches, not timed
        from connectors.aws.connector import DEFAULT_WORKERS

        one, first = scan(1, latency)
        many, second = scan(DEFAULT_WORKERS, latency)
    found = len(second.resources)
    assert found == len(first.resources), "the two scans disagree"
    assert not second.gaps, second.gaps
    result = {
        "resources": found,
        "seeded": seeded,
        "regions": len(REGIONS),
        "latency_ms": args.latency_ms,
        "seconds_1_worker": round(one, 2),
        "seconds_default": round(many, 2),
        "default_workers": DEFAULT_WORKERS,
        "resources_per_second_1_worker": round(found / one),
        "resources_per_second_default": round(found / many),
        "speedup": round(one / many, 1),
        "target_speedup": TARGET_SPEEDUP,
        "seeding_seconds": round(seeding, 1),
        "types": dict(sorted(Counter(r.type for r in second.resources).items())),
    }
    title = (
        f"AWS scan of {found} resources in {len(REGIONS)} regions, "
        f"{args.latency_ms:.0f} ms injected per call (moto server on 127.0.0.1)"
    )
    rows = [("1", one), (f"{DEFAULT_WORKERS} (default)", many)]
    return report(args.json, result, title, found, rows, TARGET_SPEEDUP)


if __name__ == "__main__":
    sys.exit(main())
