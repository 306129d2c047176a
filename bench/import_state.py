"""`make bench`: `exitplan import` of a Terraform state of 100k resource instances, from
reading the file to writing the inventory, against a plain `json.load` of the same file,
time and peak memory, each in a fresh child process.

The state: 100,000 managed instances over four AWS, Azure and Google types, in modules, with
count and for_each keys, ~30 attributes each and some sensitive ones, like a large estate's;
the AWS ones name their subnets and primaries, as relations are read from.

    python bench/import_state.py          # the table
    python bench/import_state.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.childrun import in_child, peak_mib

TARGET_TIME = 5.0  # x json.load
TARGET_MEMORY = 2.0  # x the parsed document's growth of the heap
INSTANCES = 100_000
AWS = 'provider["registry.terraform.io/hashicorp/aws"]'
AZURE = 'provider["registry.terraform.io/hashicorp/azurerm"]'
GOOGLE = 'provider["registry.terraform.io/hashicorp/google"]'


def _attributes(kind: str, n: int) -> dict[str, Any]:
    common: dict[str, Any] = {f"setting_{i}": f"value-{n}-{i}" for i in range(20)}
    common["tags"] = {"app": f"app{n % 50}", "env": "prod", "owner": "team"}
    if kind.startswith("aws_"):
        common["arn"] = f"arn:aws:ec2:eu-west-1:111122223333:{kind}/{n}"
        common["instance_type"] = "m5.large"
        # What relations are read from: the subnet an instance is in, a replica's primary.
        common["subnet_id"] = f"subnet-{n % 200:04x}"
        if kind == "aws_db_instance":
            common["arn"] = f"arn:aws:rds:eu-west-1:111122223333:db:db-{n}"
            common.update(identifier=f"db-{n}", engine="Postgres", engine_version="16.3",
                          instance_class="db.m6g.large", allocated_storage=100,
                          replicate_source_db=f"db-{n - 1}" if n % 10 else "")  # fmt: skip
    elif kind.startswith("azurerm_"):
        common["id"] = f"/subscriptions/s-{n % 20}/resourceGroups/rg{n % 9}/providers/X/y/{n}"
        common["location"] = "westeurope"
        common["size"] = "Standard_D2s_v5"
    else:
        common["name"] = f"vm-{n}"
        common["project"] = f"project-{n % 30}"
        common["zone"] = "europe-west4-a"
        common["machine_type"] = "e2-standard-4"
    common["password"] = "sensitive"
    return common


def state() -> dict[str, Any]:
    kinds = [
        ("aws_instance", AWS),
        ("azurerm_linux_virtual_machine", AZURE),
        ("google_compute_instance", GOOGLE),
        # Its table paths use JMESPath functions (lower(engine)), not only field names.
        ("aws_db_instance", AWS),
    ]
    resources = []
    per = 100
    for block in range(INSTANCES // per):
        kind, provider = kinds[block % 3]
        resources.append(
            {
                "module": f"module.m{block % 40}",
                "mode": "managed",
                "type": kind,
                "name": f"r{block}",
                "provider": provider,
                "instances": [
                    {
                        "index_key": i if block % 2 else f"k{i}",
                        "schema_version": 1,
                        "attributes": _attributes(kind, block * per + i),
                        "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]],
                    }
                    for i in range(per)
                ],
            }
        )
    return {
        "version": 4,
        "terraform_version": "1.9.5",
        "serial": 1,
        "lineage": "l",
        "outputs": {},
        "resources": resources,
    }


def _measure(task: str, path: str, out: Any) -> None:
    base = peak_mib()
    started = time.perf_counter()
    if task == "json":
        with open(path) as f:
            document = json.load(f)
        count = len(document["resources"])
    else:
        # The whole command, as a user runs it: reading, sorting, and writing the inventory.
        from exitplan.cli import app

        written = Path(path).with_name("inventory.json")
        try:
            app(["import", path, "--out", str(written)], standalone_mode=False)
        except SystemExit as exc:
            if exc.code not in (None, 0, 1):  # 1: the import found gaps
                raise
        seconds, peak = time.perf_counter() - started, peak_mib() - base
        count = written.read_text().count('"terraform_address"')  # one per resource
        out.send((seconds, peak, count))
        return
    seconds = time.perf_counter() - started
    out.send((seconds, peak_mib() - base, count))


def run(task: str, path: str) -> tuple[float, float, int]:
    return in_child(_measure, task, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "terraform.tfstate")
        Path(path).write_text(json.dumps(state()))
        size = Path(path).stat().st_size / 2**20
        run("json", path)  # warm the page cache
        load, load_mib, _ = run("json", path)
        imported, import_mib, count = run("import", path)
    figures = {
        "instances": count,
        "file_mib": round(size, 1),
        "json_load_seconds": round(load, 2),
        "import_seconds": round(imported, 2),
        "time_ratio": round(imported / load, 2),
        "json_load_peak_mib": round(load_mib),
        "import_peak_mib": round(import_mib),
        "memory_ratio": round(import_mib / load_mib, 2),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"Terraform state import of {count:,} instances ({size:.0f} MiB)\n"
            "| | seconds | peak MiB above start |\n|---|---|---|\n"
            f"| json.load | {load:.2f} | {load_mib:.0f} |\n"
            f"| exitplan import | {imported:.2f} | {import_mib:.0f} |\n"
            f"time: {imported / load:.1f}x json.load (target <= {TARGET_TIME:.0f}x); "
            f"memory: {import_mib / load_mib:.1f}x (target < {TARGET_MEMORY:.0f}x)"
        )
    ok = imported / load <= TARGET_TIME and import_mib / load_mib < TARGET_MEMORY
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
