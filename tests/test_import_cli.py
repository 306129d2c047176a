"""`exitplan import` end to end on bad and odd input: every fault exits 2 and names the
file and the record, leaves no output file, and prints no value it was handed; sensitive
values are removed even when Terraform's marks come in a shape this code does not expect."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.cli import app

SECRET = "PLANTED-secret-9f3a"
AWS = 'provider["registry.terraform.io/hashicorp/aws"]'


def run(tmp_path: Path, *args: str) -> tuple[int, str, Path]:
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["import", *args, "--out", str(out)])
    return result.exit_code, result.output, out


def write(tmp_path: Path, name: str, content: Any) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(json.dumps(content))
    return path


def v4(*instances: dict[str, Any], kind: str = "aws_instance") -> dict[str, Any]:
    return {
        "version": 4,
        "terraform_version": "1.9.5",
        "serial": 1,
        "lineage": "l",
        "outputs": {},
        "resources": [
            {
                "mode": "managed",
                "type": kind,
                "name": "web",
                "provider": AWS,
                "instances": list(instances),
            }
        ],
    }


def marked(attribute: str, key: str) -> list[list[dict[str, Any]]]:
    """`sensitive_attributes` as Terraform 1.x writes it for one key of a map attribute."""
    return [
        [
            {"type": "get_attr", "value": attribute},
            {"type": "index", "value": {"value": key, "type": "string"}},
        ]
    ]


def instance(n: int = 0, **extra: Any) -> dict[str, Any]:
    attributes = {
        "id": f"i-{n}",
        "arn": f"arn:aws:ec2:eu-west-1:111122223333:instance/i-{n}",
        "instance_type": "m5.large",
        "tags": {"Name": f"web{n}", "Token": SECRET},
    }
    return {"index_key": n, "schema_version": 1, "attributes": attributes, **extra}


PLAN = {
    "format_version": "1.2",
    "terraform_version": "1.9.5",
    "planned_values": {"root_module": {}},
    "resource_changes": [],
    "prior_state": {"format_version": "1.0", "values": {"root_module": {}}},
}

BAD: list[tuple[str, Any, str]] = [
    ("empty.json", b"", "the file is empty"),
    ("cut.json", json.dumps(v4(instance())).encode()[:120], "seems cut short"),
    ("binary.json", b"\x00\x01\x02 not json", "binary file"),
    ("latin1.json", '{"a": "caf\xe9"}'.encode("latin-1"), "not UTF-8"),
    ("garbage.json.gz", b"\x1f\x8b\x08\x00garbage", "cannot be unpacked"),
    ("empty.json.gz", gzip.compress(b""), "the file is empty"),
    ("numbers.json", [1, 2], "a JSON list of numbers"),
    ("string.json", "hello", "a JSON string at the top level"),
    ("null.json", None, "a JSON null at the top level"),
    ("v3.tfstate", {"version": 3, "serial": 7, "modules": [{"path": ["root"]}]}, "version 3"),
    ("plan.json", PLAN, "of a plan, not of a state"),
    (
        "encrypted.tfstate",
        {
            "serial": 2,
            "lineage": "l",
            "meta": {},
            "encrypted_data": "eyJ",
            "encryption_version": "v0",
        },
        "encrypted OpenTofu state",
    ),
    (
        "notype.tfstate",
        {"version": 4, "lineage": "l", "resources": [{"mode": "managed", "name": "x"}]},
        "resources[0] has no type",
    ),
    (
        "unhashable.tfstate",
        v4(instance(sensitive_attributes=[[{"type": "get_attr", "value": {"x": SECRET}}]])),
        "resources[0].instances[0] (aws_instance.web[0]): `sensitive_attributes`",
    ),
    (
        "marks.tfstate",
        v4(instance(sensitive_attributes={"tags": True})),
        "resources[0].instances[0] (aws_instance.web[0]): `sensitive_attributes`",
    ),
    ("empty-list.json", [], "an empty list"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_exits_2_naming_file_and_record_and_writes_nothing(
    tmp_path: Path, name: str, content: Any, message: str
) -> None:
    path = write(tmp_path, name, content)
    code, output, out = run(tmp_path, str(path))
    assert code == 2, output
    assert str(path) in output
    assert message in output
    assert "Traceback" not in output
    assert SECRET not in output
    assert not out.exists()


def test_an_empty_list_imports_as_empty_when_the_format_is_given(tmp_path: Path) -> None:
    path = write(tmp_path, "az.json", [])
    code, output, out = run(tmp_path, str(path), "--format", "az")
    assert code == 0, output
    assert json.loads(out.read_text())["resources"] == []


def test_show_json_of_an_empty_state_imports_as_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "show.json", {"format_version": "1.0"})
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    assert json.loads(out.read_text())["resources"] == []


@pytest.mark.parametrize(
    "paths",
    [
        # Terraform 1.x: a list of paths, each a list of steps.
        [
            [
                {"type": "get_attr", "value": "tags"},
                {"type": "index", "value": {"value": "Token", "type": "string"}},
            ]
        ],
        # A lone step where a path belongs: read as a path of one step.
        [{"type": "get_attr", "value": "tags"}],
        # A step into a set element (its value is the element): the whole attribute goes.
        [
            [
                {"type": "get_attr", "value": "tags"},
                {"type": "index", "value": {"value": {"a": 1}, "type": ["object", {}]}},
            ]
        ],
        # A path that does not fit the value (an index into a map): the whole attribute goes.
        [
            [
                {"type": "get_attr", "value": "tags"},
                {"type": "index", "value": {"value": 0, "type": "number"}},
                {"type": "get_attr", "value": "x"},
            ]
        ],
    ],
    ids=["terraform-1x", "lone-step", "set-element", "misfit"],
)
def test_a_sensitive_tag_never_reaches_the_inventory(tmp_path: Path, paths: Any) -> None:
    path = write(tmp_path, "state.json", v4(instance(sensitive_attributes=paths)))
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    text = out.read_text()
    assert SECRET not in text
    assert json.loads(text)["resources"][0]["id"].endswith("instance/i-0")


def test_a_sensitive_name_is_removed_and_the_name_falls_back(tmp_path: Path) -> None:
    planted = instance()
    planted["attributes"]["tags"] = {"Name": "web0"}
    planted["attributes"]["name"] = SECRET
    planted["sensitive_attributes"] = [[{"type": "get_attr", "value": "name"}]]
    path = write(tmp_path, "state.json", v4(planted))
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    assert SECRET not in out.read_text() + output


def test_show_json_marks_of_another_shape_hide_the_whole_value(tmp_path: Path) -> None:
    shown = {
        "format_version": "1.0",
        "terraform_version": "1.9.5",
        "values": {
            "root_module": {
                "resources": [
                    {
                        "address": "aws_instance.web",
                        "mode": "managed",
                        "type": "aws_instance",
                        "name": "web",
                        "provider_name": "registry.terraform.io/hashicorp/aws",
                        "values": instance()["attributes"],
                        # a list where the values hold a map: which key is meant is unknown
                        "sensitive_values": {"tags": [True]},
                    }
                ]
            }
        },
    }
    path = write(tmp_path, "show.json", shown)
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    resource = json.loads(out.read_text())["resources"][0]
    assert resource["tags"] == {}
    assert resource["attributes"]["instance_type"] == "m5.large"


def test_for_each_keys_are_spelled_as_terraform_spells_them(tmp_path: Path) -> None:
    keyed = instance()
    keyed["index_key"] = 'it\'s "quoted"'
    path = write(tmp_path, "state.json", v4(keyed))
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    address = json.loads(out.read_text())["resources"][0]["attributes"]["terraform_address"]
    assert address == 'aws_instance.web["it\'s \\"quoted\\""]'


@pytest.mark.parametrize("spelling", ["assetType", "asset_type"])
def test_json_lines_are_read_as_a_list(tmp_path: Path, spelling: str) -> None:
    # `gcloud asset export` writes one asset per line, in the proto's own field names.
    assets = [
        {
            "name": f"//storage.googleapis.com/bucket-{n}",
            spelling: "storage.googleapis.com/Bucket",
            "resource": {
                "version": "v1",
                "location": "europe-west4",
                "data": {"name": f"bucket-{n}"},
            },
            "ancestors": ["projects/123456789012", "organizations/1"],
        }
        for n in range(3)
    ]
    path = tmp_path / "export.json"
    path.write_text("\n".join(json.dumps(a) for a in assets) + "\n")
    code, output, out = run(tmp_path, str(path))
    assert code in (0, 1), output
    names = sorted(r["id"] for r in json.loads(out.read_text())["resources"])
    assert names == [f"//storage.googleapis.com/bucket-{n}" for n in range(3)]


def test_a_sensitive_tag_is_removed_from_the_computed_tags_all_too(tmp_path: Path) -> None:
    # Terraform marks `tags.Token` (from a sensitive variable) but not the provider's copy
    # in `tags_all`, which the importer reads because it holds the default tags.
    planted = instance()
    planted["attributes"]["tags_all"] = {**planted["attributes"]["tags"], "CostCentre": "42"}
    planted["sensitive_attributes"] = marked("tags", "Token")
    path = write(tmp_path, "state.json", v4(planted))
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    text = out.read_text()
    assert SECRET not in text
    assert json.loads(text)["resources"][0]["tags"] == {"CostCentre": "42", "Name": "web0"}


def test_terraform_parts_are_not_table_types() -> None:
    from connectors.importers.tfparts import PARTS, is_part
    from connectors.importers.tftypes import TF_TYPES

    assert sorted(PARTS & set(TF_TYPES)) == []
    # A name that looks like a link is still imported when the cloud lists it.
    assert not is_part("google_compute_service_attachment")
    assert is_part("google_compute_disk_resource_policy_attachment")


@pytest.mark.parametrize(
    "data",
    [
        {"a": {"b": 1}},
        {"a": {"b": 0}, "x": ""},
        {"a": {"b": False}, "x": []},
        {"a": {"b": ""}, "x": {}, "y": {"z": 0}},
        {"a": {"b": None}},
        {"a": None},
        {"a": [1, 2]},
        {"a": "text"},
        {},
        [1],
        None,
    ],
)
def test_plain_paths_read_as_jmespath_reads_them(data: Any) -> None:
    from connectors.paths import compiled, search

    for path in ("a", "a.b", "a.b.c", "a.b || a", "x || a.b", "a || x", "x || y.z"):
        assert search(path, data) == compiled(path).search(data), (path, data)


@pytest.mark.parametrize(
    "data",
    [
        {"a": {"b": "https://host/zones/eu-1"}},
        {"a": {"b": "no-separator"}},
        {"a": {"b": ""}},
        {"a": {"b": None}},
        {"a": None},
        {"a": "text"},
        {},
        None,
    ],
)
def test_last_segment_paths_read_as_jmespath_reads_them(data: Any) -> None:
    from connectors.paths import _INTERPRETER, compiled, search

    for path in ("last_segment(a.b, '/')", "last_segment( a.b ,'/')", "last_segment(x, ':')"):
        assert search(path, data) == _INTERPRETER.visit(compiled(path).parsed, data), path


def test_last_segment_of_a_number_is_an_error_that_names_the_types_not_the_value() -> None:
    from connectors.paths import Unfit, search

    with pytest.raises(Unfit) as caught:
        search("last_segment(a, '/')", {"a": 98765})
    assert str(caught.value) == (
        "last_segment(a, '/'): last_segment() takes string or null, not number"
    )


def test_an_s3_bucket_takes_its_account_from_the_resource_identity(tmp_path: Path) -> None:
    # An S3 ARN names no account; Terraform 1.12 with the AWS provider 6 records it in the
    # instance's identity. Without it, the account would be guessed from other ARNs.
    bucket = {
        "index_key": None,
        "schema_version": 0,
        "attributes": {"id": "logs-1", "arn": "arn:aws:s3:::logs-1", "bucket": "logs-1"},
        "identity_schema_version": 0,
        "identity": {"account_id": "444455556666", "bucket": "logs-1", "region": "eu-central-1"},
    }
    path = write(tmp_path, "state.json", v4(bucket, kind="aws_s3_bucket"))
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    resource = json.loads(out.read_text())["resources"][0]
    assert (resource["account"], resource["region"]) == ("444455556666", "eu-central-1")


def test_what_a_state_holds_and_cannot_place_is_a_gap_or_left_out(tmp_path: Path) -> None:
    web = [instance(n) for n in range(2)]
    for each in web:
        each["attributes"]["tags"] = {"Name": "web"}
    state = v4(*web)
    state["resources"] += [
        # A part of another resource, sharing the bucket's id: counted, left out.
        {"mode": "managed", "type": "aws_s3_bucket_policy", "name": "p", "provider": AWS,
         "instances": [{"schema_version": 0, "attributes": {"id": "logs", "bucket": "logs"}}]},
        # A type exitplan does not know: a gap, with its count.
        {"mode": "managed", "type": "aws_gamelift_fleet", "name": "mq", "provider": AWS,
         "instances": [{"schema_version": 0, "attributes": {"id": "b-1"}}] * 2},
        # Another provider: counted, left out.
        {"mode": "managed", "type": "random_password", "name": "pw",
         "provider": 'provider["registry.terraform.io/hashicorp/random"]',
         "instances": [{"schema_version": 0, "attributes": {"id": "none", "result": SECRET}}]},
        # The same instance again under another address: one kept, a gap names both.
        {"mode": "managed", "type": "aws_instance", "name": "copy", "provider": AWS,
         "instances": [web[0]]},
    ]  # fmt: skip
    path = write(tmp_path, "state.json", state)
    code, output, out = run(tmp_path, str(path))
    assert code == 1, output
    written = json.loads(out.read_text())
    assert SECRET not in out.read_text() + output
    gaps = {g["code"]: g["message"] for g in written["gaps"]}
    assert gaps == {
        "UnknownTerraformType": "instances of Terraform types exitplan cannot place, not "
        "imported: aws_gamelift_fleet 2",
        "RepeatedId": "2 instances with one id, the first kept: aws_instance.web[0], "
        "aws_instance.copy[0]",
    }
    assert {(s["type"], s["count"]) for s in written["skipped"]} == {
        ("aws_s3_bucket_policy", 1),
        ("random_password", 1),
    }
    assert len(written["resources"]) == 2
    assert "2 records left out on purpose" in output


def test_a_project_known_only_by_number_is_a_gap(tmp_path: Path) -> None:
    asset = {
        "name": "//storage.googleapis.com/b1",
        "assetType": "storage.googleapis.com/Bucket",
        "project": "projects/123456789012",
        "location": "europe-west4",
        "displayName": "b1",
    }
    path = write(tmp_path, "search.json", [asset])
    code, output, out = run(tmp_path, str(path))
    assert code == 1, output
    (gap,) = json.loads(out.read_text())["gaps"]
    assert (gap["code"], gap["scope"]) == ("ProjectIdUnknown", "123456789012")


def test_a_sensitive_name_copied_into_the_arn_keeps_the_resource_out(tmp_path: Path) -> None:
    # Terraform marks the configured `bucket`, not the `id` and `arn` the provider copies
    # it into: the resource cannot be named without showing it, so it is a gap.
    bucket = {
        "schema_version": 0,
        "attributes": {"id": SECRET, "arn": f"arn:aws:s3:::{SECRET}", "bucket": SECRET,
                       "region": "eu-west-1"},
        "sensitive_attributes": [[{"type": "get_attr", "value": "bucket"}]],
    }  # fmt: skip
    web = instance()
    web["attributes"]["tags"] = {"Name": "web"}
    state = v4(web)
    state["resources"].append(
        {"mode": "managed", "type": "aws_s3_bucket", "name": "b", "provider": AWS,
         "instances": [bucket]}
    )  # fmt: skip
    path = write(tmp_path, "state.json", state)
    code, output, out = run(tmp_path, str(path))
    assert code == 1, output
    text = out.read_text()
    assert SECRET not in text + output
    (gap,) = json.loads(text)["gaps"]
    assert gap["code"] == "SensitiveIdentity"
    assert gap["message"].endswith("not imported: aws_s3_bucket.b")


def test_a_sensitive_google_label_is_removed_from_its_computed_copies(tmp_path: Path) -> None:
    labels = {"env": "prod", "token": SECRET}
    vm = {
        "schema_version": 6,
        "attributes": {
            "id": "projects/p1/zones/europe-west4-a/instances/vm1",
            "name": "vm1",
            "project": "p1",
            "zone": "europe-west4-a",
            "machine_type": "e2-small",
            "labels": labels,
            "effective_labels": {**labels, "goog-terraform-provisioned": "true"},
            "terraform_labels": {**labels, "goog-terraform-provisioned": "true"},
        },
        "sensitive_attributes": [
            [{"type": "get_attr", "value": "labels"},
             {"type": "index", "value": {"value": "token", "type": "string"}}]
        ],
    }  # fmt: skip
    state = v4(vm, kind="google_compute_instance")
    state["resources"][0]["provider"] = 'provider["registry.terraform.io/hashicorp/google"]'
    path = write(tmp_path, "state.json", state)
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    text = out.read_text()
    assert SECRET not in text
    resource = json.loads(text)["resources"][0]
    assert resource["tags"] == {"env": "prod", "goog-terraform-provisioned": "true"}


def test_parts_of_resources_are_left_out_without_a_gap(tmp_path: Path) -> None:
    web = instance()
    web["attributes"]["tags"] = {"Name": "web"}
    state = v4(web)
    state["resources"].append(
        {"mode": "managed", "type": "aws_security_group_rule", "name": "in", "provider": AWS,
         "instances": [{"schema_version": 2, "attributes": {"id": "sgrule-1"}}]}
    )  # fmt: skip
    path = write(tmp_path, "state.json", state)
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    written = json.loads(out.read_text())
    assert written["gaps"] == []
    assert [(s["type"], s["count"]) for s in written["skipped"]] == [("aws_security_group_rule", 1)]


def test_an_azure_id_spelled_twice_in_two_cases_is_one_resource(tmp_path: Path) -> None:
    rid = "/subscriptions/6f1c2a3b-0000-4000-8000-000000000000/resourceGroups/rg1"
    groups = [
        {"schema_version": 0, "index_key": key,
         "attributes": {"id": spelled, "name": "rg1", "location": "westeurope"}}
        for key, spelled in (("a", rid), ("b", rid.replace("rg1", "RG1")))
    ]  # fmt: skip
    state = v4(*groups, kind="azurerm_resource_group")
    state["resources"][0]["provider"] = 'provider["registry.terraform.io/hashicorp/azurerm"]'
    path = write(tmp_path, "state.json", state)
    code, output, out = run(tmp_path, str(path))
    assert code == 1, output
    written = json.loads(out.read_text())
    assert len(written["resources"]) == 1
    assert [g["code"] for g in written["gaps"]] == ["RepeatedId"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tf-size.json", "ebs"),
        ("az-size.json", "disk"),
    ],
)
def test_a_value_the_model_refuses_exits_2_without_showing_the_record(
    tmp_path: Path, name: str, content: str
) -> None:
    if content == "ebs":
        volume = {"schema_version": 0, "attributes": {
            "id": "vol-1", "arn": "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1",
            "size": -5, "tags": {"Name": SECRET}}}  # fmt: skip
        data: Any = v4(volume, kind="aws_ebs_volume")
    else:
        data = [{
            "id": "/subscriptions/6f1c2a3b-0000-4000-8000-000000000000/resourceGroups/rg/"
                  "providers/Microsoft.Compute/disks/d1",
            "name": SECRET, "type": "Microsoft.Compute/disks", "location": "westeurope",
            "properties": {"diskSizeGB": -4}}]  # fmt: skip
    path = write(tmp_path, name, data)
    code, output, out = run(tmp_path, str(path))
    assert code == 2, output
    assert "size_bytes" in output
    assert SECRET not in output
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("az.json", [{
            "id": "/subscriptions/6f1c2a3b-0000-4000-8000-000000000000/resourceGroups/rg/"
                  "providers/Microsoft.Storage/storageAccounts/st1",
            "name": "st1", "type": "Microsoft.Storage/storageAccounts",
            "location": "westeurope", "tags": {"ConnectionString": SECRET, "env": "prod"}}]),
        ("gcloud.json", [{
            "name": "//storage.googleapis.com/b1", "assetType": "storage.googleapis.com/Bucket",
            "project": "projects/123456789012", "location": "europe-west4",
            "labels": {"secret_key": SECRET, "env": "prod"}}]),
        ("state.json", v4({"schema_version": 1, "attributes": {
            "id": "i-1", "arn": "arn:aws:ec2:eu-west-1:111122223333:instance/i-1",
            "tags": {"db_password": SECRET, "env": "prod"}}})),
    ],
)  # fmt: skip
def test_a_tag_named_like_a_credential_is_left_out_of_every_format(
    tmp_path: Path, name: str, content: Any
) -> None:
    key = next(
        k for k in ("ConnectionString", "secret_key", "db_password") if k in json.dumps(content)
    )
    path = write(tmp_path, name, content)
    code, output, out = run(tmp_path, str(path))
    assert code in (0, 1), output
    written = json.loads(out.read_text())
    assert SECRET not in out.read_text() + output
    assert written["resources"][0]["tags"] == {"env": "prod"}
    assert [s["type"] for s in written["skipped"]] == [f"tag {key}"]


def test_a_sensitive_default_tag_is_removed_from_tags_too(tmp_path: Path) -> None:
    planted = instance()
    planted["attributes"]["tags"] = {"Name": SECRET}
    planted["attributes"]["tags_all"] = {"Name": SECRET, "env": "prod"}
    planted["sensitive_attributes"] = marked("tags_all", "Name")
    path = write(tmp_path, "state.json", v4(planted))
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    assert SECRET not in out.read_text() + output


def test_a_boolean_where_a_size_belongs_is_refused(tmp_path: Path) -> None:
    arn = "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1"
    volume = {"schema_version": 0, "attributes": {"id": "vol-1", "arn": arn, "size": True}}
    path = write(tmp_path, "state.json", v4(volume, kind="aws_ebs_volume"))
    code, output, out = run(tmp_path, str(path))
    assert code == 2, output
    assert "size_bytes" in output and not out.exists()


class _Model:
    """Like an Azure SDK model: not a dict, but JMESPath reads it through `.get`."""

    def __init__(self, **fields: Any) -> None:
        self.fields = fields

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)


def test_plain_paths_read_objects_with_get_as_jmespath_does() -> None:
    from connectors.paths import compiled, search

    data = {"sku": _Model(name="Standard_GRS", tier=None)}
    for path in ("sku.name", "sku.tier || sku.name", "sku.missing"):
        assert search(path, data) == compiled(path).search(data), path
    assert search("sku.name", data) == "Standard_GRS"


def test_the_output_is_never_an_input_nor_anyone_else_s_file(tmp_path: Path) -> None:
    csv = tmp_path / "cmdb.csv"
    csv.write_text("provider,account,region,type,id\naws,1,eu-west-1,AWS::S3::Bucket,b\n")
    notes = tmp_path / "notes.json"
    notes.write_text('{"mine": true}\n')
    for out in (csv, notes):
        result = CliRunner().invoke(app, ["import", str(csv), "--out", str(out)])
        assert result.exit_code == 2, result.output
        assert f"--out {out}" in result.stderr
    assert csv.read_text().startswith("provider,") and notes.read_text() == '{"mine": true}\n'
    # An inventory exitplan wrote is replaced, as a rerun expects.
    inventory = tmp_path / "inventory.json"
    for _ in range(2):
        result = CliRunner().invoke(app, ["import", str(csv), "--out", str(inventory)])
        assert result.exit_code == 0, result.output
