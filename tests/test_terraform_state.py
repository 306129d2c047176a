"""Reading Terraform state: both shapes, modules, count and for_each, what is skipped, and
that sensitive values are gone before anything else sees them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from connectors.importers.files import read_json
from connectors.importers.terraform import instances
from exitplan.errors import InputError

SECRET = "planted-sensitive-value"
AWS = 'provider["registry.terraform.io/hashicorp/aws"]'
AZURE = 'provider["registry.terraform.io/hashicorp/azurerm"]'
SITES = "Microsoft.Web/sites"
GOOGLE = 'module.net.provider["registry.opentofu.org/hashicorp/google"]'


def state() -> dict[str, Any]:
    """Root, a module and a nested module; count and for_each; three providers; a data
    source; a deposed and a tainted object; sensitive attributes at several depths."""
    return {
        "version": 4,
        "terraform_version": "1.9.5",
        "serial": 42,
        "lineage": "5e2a6c1d-0000-4000-8000-000000000000",
        "outputs": {"db_password": {"value": SECRET, "type": "string", "sensitive": True}},
        "resources": [
            {
                "mode": "data",
                "type": "aws_ami",
                "name": "ubuntu",
                "provider": AWS,
                "instances": [{"schema_version": 0, "attributes": {"id": "ami-1"}}],
            },
            {
                "mode": "managed",
                "type": "aws_instance",
                "name": "web",
                "provider": AWS,
                "instances": [
                    {
                        "index_key": n,
                        "schema_version": 1,
                        "attributes": {
                            "arn": f"arn:aws:ec2:eu-west-1:111122223333:instance/i-{n}",
                            "instance_type": "m5.large",
                            "user_data": SECRET,
                        },
                        "sensitive_attributes": [[{"type": "get_attr", "value": "user_data"}]],
                    }
                    for n in range(3)
                ]
                + [
                    {
                        "index_key": 0,
                        "deposed": "00000001",
                        "attributes": {"arn": "arn:aws:ec2:eu-west-1:111122223333:instance/i-old"},
                    }
                ],
            },
            {
                "module": "module.data.module.db",
                "mode": "managed",
                "type": "aws_db_instance",
                "name": "main",
                "provider": AWS,
                "instances": [
                    {
                        "status": "tainted",
                        "attributes": {
                            "engine": "postgres",
                            "password": SECRET,
                            "tags": {"app": "portal"},
                            "blocks": [{"secret": SECRET, "keep": "yes"}],
                        },
                        "sensitive_attributes": [
                            [{"type": "get_attr", "value": "password"}],
                            [
                                {"type": "get_attr", "value": "blocks"},
                                {"type": "index", "value": {"value": 0, "type": "number"}},
                                {"type": "get_attr", "value": "secret"},
                            ],
                        ],
                    }
                ],
            },
            {
                "module": "module.app",
                "mode": "managed",
                "type": "azurerm_linux_web_app",
                "name": "site",
                "provider": AZURE,
                "instances": [
                    {
                        "index_key": key,
                        "attributes": {
                            "id": f"/subscriptions/s/resourceGroups/rg/providers/{SITES}/{key}",
                            "location": "westeurope",
                            "site_credential": [{"password": SECRET}],
                        },
                        "sensitive_attributes": [
                            [{"type": "get_attr", "value": "site_credential"}]
                        ],
                    }
                    for key in ("blue", "green")
                ],
            },
            {
                "module": "module.net",
                "mode": "managed",
                "type": "google_compute_network",
                "name": "vpc",
                "provider": GOOGLE,
                "instances": [{"attributes": {"name": "vpc", "project": "p1"}, "identity": {}}],
            },
        ],
        "check_results": None,
    }


def write(tmp_path: Path, name: str, document: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return path


def test_state_v4_instances_with_modules_count_and_for_each(tmp_path: Path) -> None:
    path = write(tmp_path, "terraform.tfstate", state())
    found = list(instances(path, read_json(path)))
    assert [i.address for i in found] == [
        "aws_instance.web[0]",
        "aws_instance.web[1]",
        "aws_instance.web[2]",
        "module.data.module.db.aws_db_instance.main",
        'module.app.azurerm_linux_web_app.site["blue"]',
        'module.app.azurerm_linux_web_app.site["green"]',
        "module.net.google_compute_network.vpc",
    ]
    assert [i.provider for i in found] == ["aws"] * 4 + ["azurerm"] * 2 + ["google"]
    assert [i.tainted for i in found] == [False] * 3 + [True] + [False] * 3
    db = found[3].attributes
    assert db == {"engine": "postgres", "tags": {"app": "portal"}, "blocks": [{"keep": "yes"}]}
    assert SECRET not in json.dumps([i.attributes for i in found])


def test_show_json_gives_the_same_instances(tmp_path: Path) -> None:
    def resource(
        address: str, kind: str, provider: str, values: dict[str, Any], marks: Any, **extra: Any
    ) -> dict[str, Any]:
        return {
            "address": address,
            "mode": "managed",
            "type": kind,
            "name": "x",
            "provider_name": provider,
            "values": values,
            "sensitive_values": marks,
            **extra,
        }

    shown = {
        "format_version": "1.0",
        "terraform_version": "1.9.5",
        "values": {
            "outputs": {},
            "root_module": {
                "resources": [
                    resource(
                        "aws_instance.web[0]",
                        "aws_instance",
                        "registry.terraform.io/hashicorp/aws",
                        {"instance_type": "m5.large", "user_data": SECRET},
                        {"user_data": True},
                        index=0,
                    ),
                    resource(
                        "data.aws_ami.ubuntu",
                        "aws_ami",
                        "registry.terraform.io/hashicorp/aws",
                        {},
                        {},
                        mode="data",
                    ),
                    resource(
                        "aws_instance.web[0]",
                        "aws_instance",
                        "registry.terraform.io/hashicorp/aws",
                        {"id": "old"},
                        {},
                        deposed_key="00000001",
                    ),
                ],
                "child_modules": [
                    {
                        "address": "module.data",
                        "resources": [
                            resource(
                                "module.data.aws_db_instance.main",
                                "aws_db_instance",
                                "registry.terraform.io/hashicorp/aws",
                                {
                                    "engine": "postgres",
                                    "password": SECRET,
                                    "blocks": [{"secret": SECRET, "keep": "yes"}],
                                },
                                {"password": True, "blocks": [{"secret": True}]},
                            ),
                        ],
                    }
                ],
            },
        },
    }
    path = write(tmp_path, "show.json", shown)
    found = list(instances(path, read_json(path)))
    assert [i.address for i in found] == ["aws_instance.web[0]", "module.data.aws_db_instance.main"]
    assert found[1].attributes == {"engine": "postgres", "blocks": [{"keep": "yes"}]}
    assert SECRET not in json.dumps([i.attributes for i in found])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.tfstate", b"", "the file is empty"),
        ("blank.tfstate", b"  \n", "the file is empty"),
        ("cut.tfstate", json.dumps(state()).encode()[:500], "seems cut short"),
        ("binary.tfstate", b"\x00\x01\x02\x03 not json", "binary file"),
        ("latin1.tfstate", '{"a": "caf\xe9"}'.encode("latin-1"), "not UTF-8"),
        ("garbage.tfstate.gz", b"\x1f\x8b\x08\x00garbage", "cannot be unpacked"),
        ("list.tfstate", b"[1, 2]", "is a list"),
        ("v3.tfstate", json.dumps({"version": 3, "modules": []}).encode(), "version 3"),
        (
            "notype.tfstate",
            json.dumps({"version": 4, "resources": [{"mode": "managed", "name": "x"}]}).encode(),
            "resources[0] has no type",
        ),
    ],
)
def test_bad_files_name_the_file_and_the_fault(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        list(instances(path, read_json(path)))
    assert str(path) in caught.value.message
    assert message in caught.value.message


def test_a_gzipped_state_reads_like_a_plain_one(tmp_path: Path) -> None:
    path = tmp_path / "terraform.tfstate.gz"
    path.write_bytes(gzip.compress(json.dumps(state()).encode()))
    assert len(list(instances(path, read_json(path)))) == 7
