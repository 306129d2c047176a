"""`make bench`: the Azure scan against a loopback fake of Resource Manager and Resource
Graph, with 50 ms per request, with 1 worker and with the default, in the same run.

The fake (tests/azure_fake.py) runs in a child process, so that it does not share the
scanner's interpreter lock, and serves the real SDK clients over HTTP on 127.0.0.1; each
answer waits 50 ms, as a real round trip would. The estate: 60 subscriptions with 20
resources each (VMs, disks, storage accounts, App Service sites, SQL servers and
databases: types read with a list per subscription, per parent, or per resource), and one
subscription of 1,500 resources (pages of 1,000).

    python bench/azure_scan.py            # the table
    python bench/azure_scan.py --json
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scanbench import arguments, child_server, report

TARGET_SPEEDUP = 8.0
SUBSCRIPTIONS = 60
GIB = 2**30


def _sub(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def estate(latency: float) -> Any:
    from tests.azure_fake import Estate, arm_id, resource

    found = Estate(latency=latency, page_size=1000)
    found.skus["westeurope"] = [
        {
            "resourceType": "virtualMachines",
            "name": "Standard_D4s_v5",
            "capabilities": [{"name": "vCPUs", "value": "4"}, {"name": "MemoryGB", "value": "16"}],
        }
    ]
    vm = {"hardwareProfile": {"vmSize": "Standard_D4s_v5"}, "storageProfile": {"dataDisks": []}}
    for n in range(SUBSCRIPTIONS + 1):
        sub = _sub(n)
        found.subscriptions[sub] = f"subscription {n}"
        size = 1500 if n == SUBSCRIPTIONS else 20
        items = []
        for i in range(size // 10):
            group = f"rg-{i % 4}"
            items += [
                resource(sub, group, "Microsoft.Compute/virtualMachines", f"vm{i}", properties=vm),
                resource(sub, group, "Microsoft.Compute/virtualMachines", f"vm{i}b", properties=vm),
                resource(
                    sub, group, "Microsoft.Compute/disks", f"d{i}", properties={"diskSizeGB": 64}
                ),
                resource(sub, group, "Microsoft.Compute/disks", f"d{i}b", properties={}),
                resource(
                    sub, group, "Microsoft.Storage/storageAccounts", f"st{i}", kind="StorageV2"
                ),
                resource(sub, group, "Microsoft.Web/sites", f"web{i}", kind="app,linux"),
                resource(sub, group, "Microsoft.Sql/servers", f"sql{i}", properties={}),
                resource(sub, group, "Microsoft.Sql/servers/databases", f"sql{i}/db"),
                resource(sub, group, "Microsoft.Network/virtualNetworks", f"vnet{i}"),
                resource(sub, group, "Microsoft.Logic/workflows", f"flow{i}"),
            ]
            found.configs[arm_id(sub, group, "Microsoft.Web/sites", f"web{i}")] = {
                "linuxFxVersion": "NODE|20-lts"
            }
            found.used[arm_id(sub, group, "Microsoft.Storage/storageAccounts", f"st{i}")] = GIB
        found.resources[sub] = items
    return found


class Token:
    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        from azure.core.credentials import AccessToken

        return AccessToken("bench", int(time.time()) + 3600)


def timed(url: str, workers: int, graph: bool = False) -> tuple[float, Any]:
    from connectors.azure.connector import AzureConnector, AzureOptions
    from connectors.interface import scan

    options = AzureOptions(
        endpoint=url, credential=Token(), max_workers=workers, resource_graph=graph
    )
    started = time.perf_counter()
    connector = AzureConnector(options)
    inventory = scan(connector, connector.discover())
    return time.perf_counter() - started, inventory


def main() -> int:
    args = arguments(__doc__)
    from connectors.azure.connector import DEFAULT_WORKERS
    from tests.azure_fake import serve_forever

    with child_server(serve_forever, estate(args.latency_ms / 1000)) as url:
        timed(url, DEFAULT_WORKERS)  # warm-up: imports and SDK set-up, not timed
        one, first = timed(url, 1)
        many, second = timed(url, DEFAULT_WORKERS)
        graph, third = timed(url, DEFAULT_WORKERS, graph=True)
    found = len(second.resources)
    assert found == len(first.resources) == len(third.resources), "the scans disagree"
    assert not second.gaps, second.gaps
    units = SUBSCRIPTIONS + 1
    figures = {
        "resources": found,
        "subscriptions": units,
        "latency_ms": args.latency_ms,
        "seconds_1_worker": round(one, 2),
        "seconds_default": round(many, 2),
        "seconds_resource_graph": round(graph, 2),
        "default_workers": DEFAULT_WORKERS,
        "speedup": round(one / many, 1),
        "speedup_resource_graph": round(one / graph, 1),
        "target_speedup": TARGET_SPEEDUP,
    }
    title = (
        f"Azure scan of {found} resources in {units} subscriptions, {args.latency_ms:.0f} ms"
        " per request (loopback fake in a child process on 127.0.0.1)"
    )
    rows = [
        ("1, Resource Manager", one),
        (f"{DEFAULT_WORKERS} (default), Resource Manager", many),
        (f"{DEFAULT_WORKERS} (default), Resource Graph", graph),
    ]
    return report(args.json, figures, title, found, rows, TARGET_SPEEDUP)


if __name__ == "__main__":
    sys.exit(main())
