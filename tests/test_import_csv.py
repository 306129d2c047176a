"""CSV inventories, the source file of every imported resource, and a resource in two
files kept once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from connectors.importers import csvfile
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
    assert (account.attributes, bucket.region, bucket.source) == ({}, "global", str(path))
    assert inventory.scan.source == "csv"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("provider,account,type,id\naws,1,AWS::S3::Bucket,x\n", "the header lacks region"),
        ("provider,account,region,type,id\nibm,1,r,T,x\n", "line 2, column provider"),
        ("provider,account,region,type,id,tags\naws,1,r,T,x,oops\n", "line 2, column tags"),
        ("provider;account;type;id\naws;1;AWS::S3::Bucket;x\n", "the header lacks region"),
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
    assert {r["source"] for r in written["resources"]} == {str(first)}
    assert "renamed" not in out.read_text()


SECRET_CSV = """\
provider,account,region,type,id,tags,password,engine,engine_version,size_bytes,multi_az,db_conn,owner
aws,1,eu-west-1,AWS::RDS::DBInstance,arn:aws:rds:eu-west-1:1:db:a,app=shop;pw=hunter2PLANTED;DbPassword=s3cretPLANTED,hunter2PLANTED,postgres,16,42,TRUE,Server=x;Password=PLANTED,ops
"""


def test_only_known_attributes_and_no_secret_tags_are_kept_and_the_rest_is_named(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cmdb.csv"
    path.write_text(SECRET_CSV)
    read = csvfile.read(path)
    (db,) = read.resources
    assert db.attributes == {
        "engine": "postgres",
        "engine_version": "16",  # text, as a scan gives it
        "size_bytes": 42,
        "multi_az": True,
    }
    assert db.tags == {"app": "shop"}
    assert read.skipped_columns == ["password", "db_conn", "owner"]
    assert read.skipped_tags == ["DbPassword", "pw"]
    assert "PLANTED" not in import_files([path]).model_dump_json()


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_files_as_excel_writes_them(
    tmp_path: Path, delimiter: str
) -> None:
    path = tmp_path / "cmdb.csv"
    rows = [line.split(",") for line in CSV.splitlines()]
    rows[1][6] = '"app=shop;env=prod"' if delimiter == ";" else rows[1][6]
    path.write_text("\r\n".join(delimiter.join(row) for row in rows) + "\r\n", encoding="utf-8-sig")
    db, _, bucket = import_files([path]).resources
    assert (db.tags, db.attributes) == (
        {"app": "shop", "env": "prod"},
        {"size_bytes": 2**30, "engine": "postgres"},
    )
    assert bucket.attributes == {"size_bytes": 42}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "provider,account,region,type,id\naws,1,r,T,x\naws,2,r,T,y\naws,1,r,T,x\n",
            "line 4 has the id of line 2 (x)",
        ),
        (
            "provider,account,region,type,id\nazure,1,r,T,/S/A\nazure,1,r,T,/s/a\n",
            "line 3 has the id of line 2 (/s/a)",
        ),
        (
            "provider,account,region,type,id,engine,id\naws,1,r,T,x,pg,x\n",
            "the header names id more than once",
        ),
        (
            "provider,account,region,type,id,size_bytes\naws,1,r,T,x,\u00b2\n",
            "line 2, column size_bytes: is not a number",
        ),
        (
            "provider,account,region,type,id,size_bytes\naws,1,r,T,x,-5\n",
            "line 2, column size_bytes: attributes.size_bytes must be a whole number",
        ),
        (
            "provider,account,region,type,id,node_count\naws,1,r,T,x,2.5\n",
            "line 2, column node_count: attributes.node_count must be a whole number",
        ),
        (
            "provider,account,region,type,id,tags\naws,1,r,T,x,hunter2PLANTED\n",
            "line 2, column tags: a tag is not key=value",
        ),
    ],
)
def test_more_bad_csv_names_the_lines_and_the_column(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_files([path])
    assert caught.value.message.startswith(f"{path}: ")
    assert message in caught.value.message
    assert "PLANTED" not in caught.value.message


def test_a_superscript_digit_is_text_where_text_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "cmdb.csv"
    path.write_text("provider,account,region,type,id,engine_version\naws,1,r,T,x,\u00b2\n")
    (resource,) = import_files([path]).resources
    assert resource.attributes == {"engine_version": "\u00b2"}


@pytest.mark.parametrize(
    ("encoding", "message", "hint"),
    [
        ("cp1252", "is not UTF-8 text", "CSV UTF-8"),
        ("utf-16-le", "is UTF-16 (little-endian) without a byte order mark", "save it as UTF-8"),
    ],
)
def test_a_file_that_is_not_utf8_says_how_to_save_it(
    tmp_path: Path, encoding: str, message: str, hint: str
) -> None:
    path = tmp_path / "cmdb.csv"
    path.write_text("provider,account,region,type,id,name\naws,1,r,T,x,Café\n", encoding=encoding)
    with pytest.raises(InputError) as caught:
        import_files([path])
    assert message in caught.value.message
    assert caught.value.hint is not None and hint in caught.value.hint


def test_the_kept_attributes_come_from_the_connectors_tables() -> None:
    known = csvfile.known_attributes()
    assert {"size_bytes", "instance_type", "engine", "engine_version", "node_count"} <= known
    assert {"memory_mib", "runtime", "vcpu", "kind", "sku", "key_spec"} <= known
    assert not {"password", "tags", "id", "connection_string"} & known


def test_a_nul_byte_is_refused_with_its_line(tmp_path: Path) -> None:
    from connectors.importers.csvfile import read
    from exitplan.errors import InputError

    path = tmp_path / "cmdb.csv"
    path.write_bytes(b"provider,account,region,type,id\naws,1,eu\x00-west-1,AWS::S3::Bucket,b\n")
    with pytest.raises(InputError) as caught:
        read(path)
    assert f"{path}: line 2 holds a NUL byte" in caught.value.message


RELATED_CSV = """\
provider;account;region;type;id;name;attached_to;member_of;replica_of;uses;cost_centre
aws;1;eu-west-1;AWS::EC2::Volume;arn:aws:ec2:eu-west-1:1:volume/vol-1;data;arn:aws:ec2:eu-west-1:1:instance/i-1;;;;42
aws;1;eu-west-1;AWS::EC2::Instance;arn:aws:ec2:eu-west-1:1:instance/i-1;web;;"arn:aws:ec2:eu-west-1:1:subnet/s-1;arn:aws:ec2:eu-west-1:1:vpc/v-1";;;42
gcp;p;europe-west4;sqladmin.googleapis.com/Instance;//cloudsql.googleapis.com/projects/p/instances/r;r;;;//cloudsql.googleapis.com/projects/p/instances/db;;
gcp;p;global;compute.googleapis.com/Network;//compute.googleapis.com/projects/p/global/networks/core;core;;;;;
"""


def test_relation_columns_hold_ids_separated_by_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "cmdb.csv"
    path.write_text(RELATED_CSV)
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = {r["name"]: r for r in json.loads(out.read_text())["resources"]}
    assert {name: r.get("relations") for name, r in written.items()} == {
        # The instance is in the file; the subnet, network and database are not: kept.
        "data": {"attached_to": ["arn:aws:ec2:eu-west-1:1:instance/i-1"]},
        "web": {
            "member_of": ["arn:aws:ec2:eu-west-1:1:subnet/s-1", "arn:aws:ec2:eu-west-1:1:vpc/v-1"]
        },
        "r": {"replica_of": ["//cloudsql.googleapis.com/projects/p/instances/db"]},
        "core": None,  # blank cells state none
    }
    assert all(not r["attributes"] for r in written.values())
    # Relations are no attributes, and an unknown column is still named as left out.
    assert [s["type"] for s in json.loads(out.read_text())["skipped"]] == ["column cost_centre"]
