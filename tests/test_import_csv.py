"""CSV inventories, the source file of every imported resource, and a resource in two
files kept once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from connectors.importers.run import import_files
from exitplan.cli import app
from exitplan.errors import InputError

CSV = """provider,account,region,type,id,name,tags,size_bytes,engine
aws,111122223333,eu-west-1,AWS::RDS::DBInstance,arn:aws:rds:eu-west-1:111122223333:db:a,a,app=shop;env=prod,1073741824,postgres
azure,sub-1,westeurope,Microsoft.Storage/storageAccounts,/subscriptions/sub-1/x/st,st,,,
gcp,shop-prod,,storage.googleapis.com/Bucket,//storage.googleapis.com/b,b,team=data,42,
"""


def test_a_csv_inventory_with_tags_and_attributes(tmp_path: Path) -> None:
    path = tmp_path / "cmdb.csv"
    path.write_text(CSV)
    inventory = import_files([path])
    db, account, bucket = inventory.resources
    assert (db.type, db.tags, db.attributes) == (
        "AWS::RDS::DBInstance",
        {"app": "shop", "env": "prod"},
        {"size_bytes": 2**30, "engine": "postgres"},
    )
    assert (account.attributes, bucket.region, bucket.source) == ({}, "global", "cmdb.csv")
    assert inventory.scan.source == "csv"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("provider,account,type,id\naws,1,AWS::S3::Bucket,x\n", "the header lacks region"),
        ("provider,account,region,type,id\nibm,1,r,T,x\n", "line 2, column provider"),
        ("provider,account,region,type,id,tags\naws,1,r,T,x,oops\n", "line 2, column tags"),
        ("provider,account,region,type,id\naws,1,r,T,x,extra\n", "line 2 has more cells"),
        ("", "the file is empty"),
    ],
)
def test_bad_csv_names_the_line_and_the_column(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(InputError) as caught:
        import_files([path])
    assert str(path) in caught.value.message and message in caught.value.message


def test_resources_name_their_file_and_a_repeat_across_files_is_kept_once(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    first.write_text(CSV)
    second.write_text(CSV.replace("a,a,app=shop", "a,renamed,app=shop"))
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["import", str(first), str(second), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert len(written["resources"]) == 3
    assert {r["source"] for r in written["resources"]} == {"one.csv"}
    assert "renamed" not in out.read_text()
