"""`exitplan import` of files with a value of the wrong type where a reader expects another,
or a value the json module parses but nothing can use: each is exit 2 naming the file,
the record (instance address, record number) and the field, never the value; never an
internal error. Found by `test_fuzz_input` and by review."""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SUB = "0b5d3c2a-7e41-4f6a-9c8d-1e2f3a4b5c6d"
PLANTED = 987654321  # a value that must not be shown


def refused(tmp_path: Path, name: str, content: str | bytes, *args: str) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["import", str(path), "--out", str(out), *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert not out.exists()
    message = " ".join(result.stderr.split())
    assert message.startswith(f"error: {path}") and "hint: " in message
    assert str(PLANTED) not in message and "PLANTED" not in message
    return message


def state(kind: str, attributes: Any, provider: str = "hashicorp/aws", **more: Any) -> str:
    resource = {
        "mode": "managed",
        "type": kind,
        "name": "r",
        "provider": f'provider["registry.terraform.io/{provider}"]',
        "instances": [{"schema_version": 0, "attributes": attributes, "sensitive_attributes": []}],
        **more,
    }
    return json.dumps({"version": 4, "serial": 1, "lineage": "l", "resources": [resource]})


VNET = {
    "id": f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",
    "name": "v",
    "location": "westeurope",
    "resource_group_name": "rg",
    "address_space": "PLANTED-10.0.0.0/16",
}
ACCOUNT = {
    "id": f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s",
    "name": "s",
    "location": "westeurope",
    "resource_group_name": "rg",
    "account_tier": PLANTED,
    "account_replication_type": "LRS",
}
SUBNET = {
    "name": "s",
    "project": "p",
    "region": "europe-west4",
    "ip_cidr_range": "10.0.0.0/24",
    "network": "projects/p/global/networks/n",
}
LAMBDA = {
    "arn": "arn:aws:lambda:eu-west-1:111122223333:function:f",
    "function_name": "f",
    "runtime": "python3.12",
    "layers": {"PLANTED": "x"},
}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (  # `instances` a number: once a TypeError
            state("aws_sqs_queue", {}).replace('"instances": [', '"instances": 5, "x": ['),
            ["resources[0]: `instances` is a number, not a list"],
        ),
        (  # join() of a text
            state("azurerm_virtual_network", VNET, "hashicorp/azurerm"),
            [
                "azurerm_virtual_network.r: attribute cidr_block",
                "join() takes array of strings, not string",
            ],
        ),
        (  # join() of a number
            state("azurerm_storage_account", ACCOUNT, "hashicorp/azurerm"),
            ["azurerm_storage_account.r: attribute replication", "join() takes", "not number"],
        ),
        (  # last_segment() of a number, in an attribute
            state("google_compute_subnetwork", {**SUBNET, "network": PLANTED}, "hashicorp/google"),
            ["google_compute_subnetwork.r: attribute network", "last_segment() takes"],
        ),
        (  # last_segment() of a list, in the id
            state("google_compute_subnetwork", {**SUBNET, "region": [1]}, "hashicorp/google"),
            ["google_compute_subnetwork.r: last_segment(region, '/')", "not array"],
        ),
        (
            state("aws_lambda_function", LAMBDA),
            ["aws_lambda_function.r: attribute", "count() takes array or null, not object"],
        ),
        (
            state("aws_sqs_queue", {}, mode=PLANTED),
            ["resources[0]: `mode` is neither managed nor data"],
        ),
        (
            state("aws_sqs_queue", {}).replace(
                '"provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]"',
                f'"provider": {PLANTED}',
            ),
            ["resources[0]: `provider` is a number, not a text"],
        ),
        (
            state("aws_sqs_queue", {"id": "q"}).replace(
                '"schema_version": 0', '"index_key": {"k": 1}, "schema_version": 0'
            ),
            ["instances[0] (aws_sqs_queue.r): index_key is an object"],
        ),
        (
            state("\u200b \u2060", {}),
            ["resources[0] has no type"],
        ),
        (
            json.dumps(
                {
                    "format_version": "1.0",
                    "values": {"root_module": {"resources": [{"address": "a.b", "type": " "}]}},
                }
            ),
            ["root module resources[0] has no address or type"],
        ),
        (
            json.dumps({"format_version": "1.0", "values": {"root_module": {"resources": [3]}}}),
            ["root module resources[0] is not an object"],
        ),
        (
            json.dumps(
                {
                    "format_version": "1.0",
                    "values": {"root_module": {"resources": [{"address": "a.b", "type": "a"}]}},
                }
            ),
            ["root module resources[0] (a.b) has no values"],
        ),
        (
            json.dumps({"format_version": "1.0", "values": {"root_module": {"resources": 5}}}),
            ["root module: `resources` is a number, not a list"],
        ),
        (
            json.dumps(
                {"format_version": "1.0", "values": {"root_module": {"child_modules": 1.5}}}
            ),
            ["root module: `child_modules` is a number, not a list"],
        ),
        (
            json.dumps(
                {"format_version": "1.0", "values": {"root_module": {"child_modules": [7]}}}
            ),
            ["root module child_modules[0] is not an object"],
        ),
    ],
)
def test_a_state_value_of_another_type_is_named_never_shown(
    tmp_path: Path, content: str, words: list[str]
) -> None:
    message = refused(tmp_path, "terraform.tfstate", content)
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("NaN", ["line 3 holds NaN, which is not a JSON value"]),
        ("-Infinity", ["line 3 holds -Infinity, which is not a JSON value"]),
        ("1e999", ["line 3 holds a number beyond the range of a float"]),
        ("9" * 5000, ["line 3 holds a whole number of more than 4300 digits"]),
        ('"\\ud800"', ["line 3 holds an escaped lone surrogate"]),
        ('"\\udc00\\ud800"', ["line 3 holds an escaped lone surrogate"]),
    ],
)
def test_json_that_parses_into_what_no_reader_can_use_is_refused_by_line(
    tmp_path: Path, value: str, words: list[str]
) -> None:
    # A string that looks like the value comes first: only the value itself is found.
    text = f'{{"version": 4, "lineage": "NaN 1e999 \\\\ud800",\n "resources": [],\n "x": {value}}}'
    message = refused(tmp_path, "terraform.tfstate", text)
    for word in words:
        assert word in message


def test_an_escaped_surrogate_pair_is_text(tmp_path: Path) -> None:
    path = tmp_path / "terraform.tfstate"
    path.write_text('{"version": 4, "lineage": "\\ud83d\\ude00 \\\\ud800", "resources": []}')
    result = CliRunner().invoke(app, ["import", str(path), "--out", str(tmp_path / "i.json")])
    assert result.exit_code == 0, result.output


def _fixture(name: str) -> Any:
    raw = (FIXTURES / name).read_bytes()
    return json.loads(gzip.decompress(raw) if name.endswith(".gz") else raw)


def test_json_text_inside_a_config_item_is_checked_as_a_file_is(tmp_path: Path) -> None:
    document = _fixture("config-history.json")
    document["configurationItems"][0]["configuration"] = '{"instanceType": NaN}'
    message = refused(tmp_path, "history.json", json.dumps(document))
    assert "configurationItems[0]" in message and "configuration: holds NaN" in message


def test_a_size_too_large_to_convert_is_named_in_every_format(tmp_path: Path) -> None:
    snapshot = _fixture("config-snapshot.json.gz")
    item = next(i for i in snapshot["configurationItems"] if "allocatedStorage" in json.dumps(i))
    item["configuration"]["allocatedStorage"] = "1e400"
    message = refused(tmp_path, "snapshot.json", json.dumps(snapshot))
    assert "attribute size_bytes (allocatedStorage) cannot be read from a value of type str" in (
        message
    )

    rows = _fixture("az-resource-list.json")
    farm = next(r for r in rows if r["type"] == "Microsoft.Web/serverFarms")
    farm["sku"]["capacity"] = "1e400"
    message = refused(tmp_path, "az.json", json.dumps(rows))
    assert f"record {rows.index(farm) + 1}" in message
    assert "attribute node_count (sku.capacity) cannot be read" in message

    results = _fixture("gcloud-search.json")
    sql = next(r for r in results if "dataDiskSizeGb" in json.dumps(r))
    sql["versionedResources"][0]["resource"]["settings"]["dataDiskSizeGb"] = 1e308
    message = refused(tmp_path, "search.json", json.dumps(results))
    assert f"record {results.index(sql) + 1}" in message
    assert "attribute size_bytes" in message and "cannot be read" in message


def test_gcloud_list_ancestors_that_are_no_list_are_named(tmp_path: Path) -> None:
    assets = _fixture("gcloud-list.json")
    broken = copy.deepcopy(assets)
    broken[1]["ancestors"] = PLANTED
    message = refused(tmp_path, "assets.json", json.dumps(broken), "--format", "gcloud-list")
    assert "record 2: ancestors is not a list" in message


def test_a_csv_number_too_long_to_convert_is_named(tmp_path: Path) -> None:
    header = "provider,account,region,type,id,size_bytes"
    row = f"aws,111122223333,eu-west-1,AWS::S3::Bucket,arn:aws:s3:::b,{'9' * 5000}"
    message = refused(tmp_path, "cmdb.csv", f"{header}\n{row}\n")
    assert "column size_bytes: a whole number too long to read" in message


def test_a_file_whose_name_shows_nothing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its name would be the source of every record, and a blank source is no source.
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "\u200b"
    path.write_text((FIXTURES / "cmdb.csv").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["import", path.name, "--format", "csv", "--out", str(tmp_path / "i.json")],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "the file's name shows nothing" in result.stderr
