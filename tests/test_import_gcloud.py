"""`gcloud asset search-all-resources --format=json` imported as the GCP connector would
have scanned it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from connectors.importers import gcloud
from connectors.importers.run import import_files
from exitplan.errors import InputError

PROJECTS = {"101": "shop-prod", "102": "shop-dev"}
RESOURCE_MANAGER = "cloudresourcemanager.googleapis.com"
KINDS = [
    ("compute.googleapis.com/Instance", {"machineType": "zones/x/machineTypes/e2-standard-4"}),
    ("storage.googleapis.com/Bucket", {}),
    ("sqladmin.googleapis.com/Instance", {}),
    ("pubsub.googleapis.com/Topic", {}),
    ("run.googleapis.com/Service", {}),
    ("spanner.googleapis.com/Instance", {}),
]


def export() -> list[dict[str, Any]]:
    """The two projects themselves, and 36 resources in them, as gcloud prints them."""
    rows: list[dict[str, Any]] = [
        {
            "name": f"//cloudresourcemanager.googleapis.com/projects/{number}",
            "assetType": "cloudresourcemanager.googleapis.com/Project",
            "project": f"projects/{number}",
            "displayName": project,
            "location": "global",
            "additionalAttributes": {"projectId": project},
            "state": "ACTIVE",
        }
        for number, project in PROJECTS.items()
    ]
    for n in range(36):
        kind, extra = KINDS[n % len(KINDS)]
        number = "101" if n % 3 else "102"
        service, short = kind.split("/")
        rows.append(
            {
                "name": f"//{service}/projects/{PROJECTS[number]}/{short.lower()}s/r{n}",
                "assetType": kind,
                "project": f"projects/{number}",
                "folders": ["folders/20"],
                "organization": "organizations/9",
                "displayName": f"r{n}",
                "location": "europe-west4" if n % 2 else "europe-west1",
                "labels": {"app": f"a{n % 4}"},
                "networkTags": ["web"],
                "createTime": "2025-01-01T00:00:00Z",
                "updateTime": "2026-01-01T00:00:00Z",
                "state": "RUNNING",
                "additionalAttributes": extra,
                "parentFullResourceName": f"//{RESOURCE_MANAGER}/projects/{number}",
                "somethingNewer": {"gcloud": "adds fields over time"},
            }
        )
    return rows


def test_gcloud_search_output_imports_like_a_scan(tmp_path: Path) -> None:
    path = tmp_path / "assets.json"
    path.write_text(json.dumps(export()))
    inventory = import_files([path])
    assert len(inventory.resources) == 38
    counts = Counter(r.type for r in inventory.resources)
    assert counts == {
        **{kind: 6 for kind, _ in KINDS},
        "cloudresourcemanager.googleapis.com/Project": 2,
    }
    assert Counter(r.account for r in inventory.resources) == {"shop-prod": 25, "shop-dev": 13}
    vm = next(r for r in inventory.resources if r.name == "r0")
    assert (vm.region, vm.tags, vm.attributes) == (
        "europe-west1",
        {"app": "a0"},
        {"instance_type": "e2-standard-4"},
    )
    assert inventory.scan.source == "gcloud-asset"


def test_a_result_without_a_type_names_the_file_and_the_record(tmp_path: Path) -> None:
    rows = export()
    del rows[5]["assetType"]
    path = tmp_path / "assets.json"
    path.write_text(json.dumps(rows))
    with pytest.raises(InputError) as caught:
        import_files([path])
    assert caught.value.message.startswith(f"{path}: record 6: no assetType (fields present: ")
    assert caught.value.hint is not None and "report it" not in caught.value.hint


def disk_asset() -> dict[str, Any]:
    return {
        "name": "//compute.googleapis.com/projects/shop-prod/zones/europe-west4-a/disks/d1",
        "assetType": "compute.googleapis.com/Disk",
        "ancestors": ["projects/101", "folders/20", "organizations/9"],
        "resource": {
            "version": "v1",
            "parent": f"//{RESOURCE_MANAGER}/projects/101",
            "location": "europe-west4-a",
            "data": {"name": "d1", "sizeGb": "200"},
        },
    }


def project_asset(number: str, project: str) -> dict[str, Any]:
    """A Project as `gcloud asset list --content-type=resource` prints it."""
    return {
        "name": f"//{RESOURCE_MANAGER}/projects/{number}",
        "assetType": "cloudresourcemanager.googleapis.com/Project",
        "ancestors": [f"projects/{number}", "folders/20", "organizations/9"],
        "resource": {
            "version": "v1",
            "discoveryName": "Project",
            "parent": "//cloudresourcemanager.googleapis.com/folders/20",
            "data": {
                "projectNumber": number,
                "projectId": project,
                "lifecycleState": "ACTIVE",
                "name": project,
                "parent": {"type": "folder", "id": "20"},
            },
        },
    }


def test_asset_list_files_resources_under_the_project_id_its_projects_give(
    tmp_path: Path,
) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([disk_asset(), project_asset("101", "shop-prod")]))
    inventory = import_files([path])
    assert {r.type: r.account for r in inventory.resources} == {
        "compute.googleapis.com/Disk": "shop-prod",
        "cloudresourcemanager.googleapis.com/Project": "shop-prod",
    }
    assert gcloud.read_listed(path, json.loads(path.read_text())).unresolved == []


def test_project_numbers_without_an_id_in_the_file_are_named(tmp_path: Path) -> None:
    listed = [disk_asset(), project_asset("102", "shop-dev")]
    read = gcloud.read_listed(tmp_path / "list.json", listed)
    assert ([r.account for r in read.resources], read.unresolved) == (["101", "shop-dev"], ["101"])
    searched = [row for row in export() if row["name"] != f"//{RESOURCE_MANAGER}/projects/102"]
    read = gcloud.read(tmp_path / "assets.json", searched)
    assert read.unresolved == ["102"]
    assert {r.account for r in read.resources} == {"shop-prod", "102"}


def test_an_asset_without_a_name_in_list_output_names_the_record(tmp_path: Path) -> None:
    assets = [project_asset("101", "shop-prod"), disk_asset()]
    del assets[1]["name"]
    path = tmp_path / "list.json"
    path.write_text(json.dumps(assets))
    with pytest.raises(InputError) as caught:
        import_files([path], asked="gcloud-list")
    assert caught.value.message == (
        f"{path}: record 2: no name (fields present: ancestors, assetType, resource)"
    )


def test_gcloud_asset_list_imports_with_the_resources_own_fields(tmp_path: Path) -> None:
    assets = [
        {
            "name": "//compute.googleapis.com/projects/shop-prod/zones/europe-west4-a/disks/d1",
            "assetType": "compute.googleapis.com/Disk",
            "ancestors": ["projects/101", "folders/20", "organizations/9"],
            "updateTime": "2026-01-01T00:00:00Z",
            "resource": {
                "version": "v1",
                "discoveryName": "Disk",
                "parent": f"//{RESOURCE_MANAGER}/projects/101",
                "location": "europe-west4-a",
                "data": {"name": "d1", "sizeGb": "200", "labels": {"app": "shop"}},
            },
        }
    ]
    path = tmp_path / "list.json"
    path.write_text(json.dumps(assets))
    (disk,) = import_files([path]).resources
    assert (disk.account, disk.region, disk.name, disk.tags) == (
        "101",
        "europe-west4-a",
        "d1",
        {"app": "shop"},
    )
    assert disk.attributes["size_bytes"] == 200 * 2**30


def test_relations_are_read_from_the_resources_own_fields(tmp_path: Path) -> None:
    """`gcloud asset list` gives each resource's representation under `resource.data`,
    `search-all-resources --read-mask='*'` under `versionedResources`: both state a disk's
    instances as self links, named in the inventory as the instance's own record is."""
    link = "https://www.googleapis.com/compute/v1/projects/shop-prod/zones/europe-west4-a"
    listed = disk_asset()
    listed["resource"]["data"]["users"] = [f"{link}/instances/web-1"]
    vm = {
        "name": "//compute.googleapis.com/projects/shop-prod/zones/europe-west4-a/instances/web-1",
        "assetType": "compute.googleapis.com/Instance",
        "project": "projects/101",
        "displayName": "web-1",
        "location": "europe-west4-a",
        "versionedResources": [
            {
                "version": "v1",
                "resource": {
                    "name": "web-1",
                    "disks": [{"boot": False, "source": f"{link}/disks/d1"}],
                    "networkInterfaces": [
                        {
                            "network": "https://www.googleapis.com/compute/v1/projects/"
                            "shop-prod/global/networks/core"
                        }
                    ],
                },
            }
        ],
    }
    (tmp_path / "list.json").write_text(json.dumps([listed, project_asset("101", "shop-prod")]))
    (tmp_path / "search.json").write_text(json.dumps([vm]))
    inventory = import_files([tmp_path / "list.json", tmp_path / "search.json"])
    found = {r.name: r.relations for r in inventory.resources}
    assert found == {
        "d1": {"attached_to": [vm["name"]]},
        # Its network is in no file: kept, it may be in another inventory.
        "web-1": {
            "member_of": ["//compute.googleapis.com/projects/shop-prod/global/networks/core"]
        },
        "shop-prod": None,
    }


def test_search_output_without_the_resources_fields_states_no_relation(tmp_path: Path) -> None:
    path = tmp_path / "assets.json"
    path.write_text(json.dumps(export()))
    assert [r.name for r in import_files([path]).resources if r.relations is not None] == []
