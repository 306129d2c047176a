"""`az resource list` and `az graph query` output imported as the Azure connector would
have scanned it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from connectors.importers.run import import_files
from exitplan.cli import app
from exitplan.errors import InputError

SUBS = ("11111111-0000-4000-8000-000000000001", "11111111-0000-4000-8000-000000000002")
SECRET = "DefaultEndpointsProtocol=https;AccountKey=planted"
KINDS = [
    ("Microsoft.Compute/virtualMachines", None, {"hardwareProfile": {"vmSize": "Standard_B2s"}}),
    ("Microsoft.Compute/disks", None, {"diskSizeGB": 128}),
    ("Microsoft.Storage/storageAccounts", "StorageV2", {"primaryEndpoints": {"blob": "x"}}),
    ("Microsoft.Web/sites", "functionapp", {"siteConfig": {"connectionStrings": SECRET}}),
    ("Microsoft.Network/virtualNetworks", None, {"addressSpace": {"addressPrefixes": ["10/8"]}}),
    ("Microsoft.Logic/workflows", None, None),
    ("Microsoft.KeyVault/vaults", None, {"sku": {"name": "standard"}}),
    ("Microsoft.DBforPostgreSQL/flexibleServers", None, {"version": "16"}),
]


def listing(lower_types: bool = False) -> list[dict[str, Any]]:
    """32 resources over two subscriptions and four resource groups, as az prints them."""
    rows = []
    for n in range(32):
        kind, sub_kind, properties = KINDS[n % len(KINDS)]
        sub, group = SUBS[n % 2], f"rg-{n % 4}"
        name = f"res-{n:02d}"
        rows.append(
            {
                "id": f"/subscriptions/{sub}/resourceGroups/{group}/providers/{kind}/{name}",
                "name": name,
                "type": kind.lower() if lower_types else kind,
                "location": "westeurope" if n % 3 else "northeurope",
                "resourceGroup": group,
                "tags": {"app": f"app{n % 5}"} if n % 2 else None,
                "kind": sub_kind,
                "sku": {"name": "Standard_LRS"} if "storage" in kind.lower() else None,
                "managedBy": None,
                "identity": None,
                "properties": properties,
                "createdTime": "2025-01-01T00:00:00+00:00",
                "changedTime": "2026-01-01T00:00:00+00:00",
                "provisioningState": "Succeeded",
                **({"subscriptionId": sub} if lower_types else {}),
            }
        )
    return rows


def write(tmp_path: Path, name: str, document: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return path


@pytest.mark.parametrize("graph", [False, True], ids=["resource-list", "graph-query"])
def test_az_output_imports_like_a_scan(tmp_path: Path, graph: bool) -> None:
    document: Any = listing()
    if graph:
        document = {"count": 32, "data": listing(lower_types=True), "skip_token": None}
    inventory = import_files([write(tmp_path, "az.json", document)])
    assert len(inventory.resources) == 32
    # Resource Graph spells types in lower case; known ones get Resource Manager's casing.
    assert Counter(r.type.lower() for r in inventory.resources) == Counter(
        {kind.lower(): 4 for kind, _, _ in KINDS}
    )
    assert "Microsoft.Compute/virtualMachines" in {r.type for r in inventory.resources}
    assert Counter(r.account for r in inventory.resources) == {SUBS[0]: 16, SUBS[1]: 16}
    assert Counter(r.region for r in inventory.resources) == {"westeurope": 21, "northeurope": 11}
    first = next(r for r in inventory.resources if r.name == "res-01")
    assert (first.resource_group, first.tags) == ("rg-1", {"app": "app1"})
    assert first.type == "Microsoft.Compute/disks"
    assert first.attributes["size_bytes"] == 128 * 2**30
    assert {s.id for s in inventory.scan.scopes_covered} == set(SUBS)
    assert inventory.scan.source == "az-cli"
    assert SECRET not in inventory.model_dump_json()


def test_a_record_without_a_type_names_the_file_and_the_record(tmp_path: Path) -> None:
    rows = listing()
    del rows[6]["type"]
    path = write(tmp_path, "az.json", rows)
    with pytest.raises(InputError) as caught:
        import_files([path])
    assert caught.value.message == (
        f"{path}: record 7 has no type (fields present: changedTime, createdTime, id, identity, "
        "kind, location, managedBy, name, properties, provisioningState, resourceGroup, sku, tags)"
    )
    assert caught.value.hint is not None and "report it" not in caught.value.hint
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()


def test_tags_that_are_not_an_object_name_the_file_and_the_record(tmp_path: Path) -> None:
    rows = listing()
    rows[9]["tags"] = ["app=shop", "pw=hunter2PLANTED"]
    path = write(tmp_path, "az.json", rows)
    with pytest.raises(InputError) as caught:
        import_files([path])
    assert caught.value.message == (
        f"{path}: record 10: {rows[9]['id']}: tags are a list, not an object of names and values"
    )
    assert "PLANTED" not in caught.value.message


def test_a_value_that_cannot_be_read_is_named_by_attribute_never_shown(tmp_path: Path) -> None:
    rows = listing()
    assert rows[1]["type"] == "Microsoft.Compute/disks"
    rows[1]["properties"] = {"diskSizeGB": "hunter2PLANTED"}
    path = write(tmp_path, "az.json", rows)
    with pytest.raises(InputError) as caught:
        import_files([path])
    assert caught.value.message.startswith(
        f"{path}: record 2: {rows[1]['id']}: attribute size_bytes"
    )
    assert caught.value.message.endswith("cannot be read from a value of type str")
    assert "PLANTED" not in caught.value.message


def test_null_tags_and_null_tag_values_as_az_prints_them(tmp_path: Path) -> None:
    rows = listing()[:2]
    rows[0]["tags"], rows[1]["tags"] = None, {"owner": None, "app": "shop"}
    first, second = import_files([write(tmp_path, "az.json", rows)]).resources
    assert (first.tags, second.tags) == ({}, {"app": "shop", "owner": ""})
