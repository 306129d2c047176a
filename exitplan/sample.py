"""The built-in sample estate: Gemeente Havenstad, a fictional Dutch municipality with
workloads on AWS (2 accounts, 3 regions), Azure (2 subscriptions) and Google Cloud
(2 projects). It is an ordinary Inventory file, shipped as data, so that `exitplan demo`
can hand it to the user as an example of the format. Everything in it is invented."""

from __future__ import annotations

from pathlib import Path

from .inventory import read_inventory
from .model import Inventory

ORGANISATION = "Gemeente Havenstad"


def sample_path() -> Path:
    return Path(__file__).resolve().parent / "data" / "sample-inventory.json"


def sample_meta_path() -> Path:
    """The sample estate's plan metadata: an owner, contracts, recovery objectives."""
    return Path(__file__).resolve().parent / "data" / "sample-meta.yaml"


def sample_inventory() -> Inventory:
    return read_inventory(sample_path())


def replicate(inventory: Inventory, copies: int) -> Inventory:
    """The inventory repeated `copies` times, each copy in accounts and applications of
    its own, as a large organisation would have them; for benchmarks at scale."""
    resources = list(inventory.resources)
    gaps = list(inventory.gaps)
    for copy in range(1, copies):
        suffix = f"-copy{copy}"
        resources.extend(
            r.model_copy(
                update={
                    "id": r.id + suffix,
                    "name": r.name + suffix,
                    "account": r.account + suffix,
                    "tags": {k: v + suffix if k == "application" else v for k, v in r.tags.items()},
                    "relations": r.relations
                    and {kind: [i + suffix for i in ids] for kind, ids in r.relations.items()},
                }
            )
            for r in inventory.resources
        )
        gaps.extend(g.model_copy(update={"scope": g.scope + suffix}) for g in inventory.gaps)
    return inventory.model_copy(update={"resources": resources, "gaps": gaps})
