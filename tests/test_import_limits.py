"""`exitplan import` on files built to hurt: nested without end, a gzip that unpacks to far
more than it weighs, CSV with giant cells, endless headers or a quote left open, and files
saved as UTF-16 by Windows PowerShell. Each ends in a result or in exit 2 naming the file
and where in it, never in a crash, a hang or memory the limits do not bound."""

from __future__ import annotations

import codecs
import gzip
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from connectors.importers.files import MAX_DEPTH
from exitplan.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "import"
AWS = 'provider["registry.terraform.io/hashicorp/aws"]'
SUB = "3e7f1c20-5b8a-4d6e-9f01-2a3b4c5d6e7f"
HEADER = "provider,account,region,type,id,name"
ROW = "aws,111122223333,eu-west-1,AWS::S3::Bucket,arn:aws:s3:::b{n},b{n}"


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, Path]:
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["import", *args, "--out", str(out)], env=env)
    assert "Traceback" not in result.output
    return result.exit_code, result.output, out


def refused(tmp_path: Path, path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    code, output, out = run(tmp_path, str(path), *args, env=env)
    assert code == 2, output
    assert not out.exists()
    return " ".join(output.split())  # the message as one line, wherever the terminal broke it


def resources(out: Path) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in r.items() if k != "source"}
        for r in json.loads(out.read_text())["resources"]
    ]


# ------------------------------------------------------------------ nesting

DEEP = '"@DEEP@"'  # where a document gets its deep value


def nested(levels: int, inner: str = "1") -> str:
    return "[" * levels + inner + "]" * levels


def state(attributes: dict[str, Any], **instance: Any) -> dict[str, Any]:
    attributes = {
        "id": "i-0",
        "arn": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0",
        "instance_type": "m5.large",
        **attributes,
    }
    return {
        "version": 4,
        "terraform_version": "1.9.5",
        "serial": 1,
        "lineage": "l",
        "resources": [
            {
                "mode": "managed",
                "type": "aws_instance",
                "name": "web",
                "provider": AWS,
                "instances": [{"schema_version": 1, "attributes": attributes, **instance}],
            }
        ],
    }


def shown(values: Any, marks: Any) -> dict[str, Any]:
    resource = {
        "address": "aws_instance.web",
        "mode": "managed",
        "type": "aws_instance",
        "name": "web",
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "values": {
            "arn": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0",
            "id": "i-0",
            "deep": values,
        },
        "sensitive_values": {"deep": marks},
    }
    return {"format_version": "1.0", "values": {"root_module": {"resources": [resource]}}}


CONFIG_ITEM = {
    "configurationItemCaptureTime": "2026-11-18T16:02:11.337Z",
    "configurationItemStatus": "OK",
    "accountId": "444455556666",
    "arn": "arn:aws:ec2:eu-central-1:444455556666:instance/i-1",
    "resourceType": "AWS::EC2::Instance",
    "resourceId": "i-1",
    "awsRegion": "eu-central-1",
}
AZ = {
    "id": f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/app",
    "type": "Microsoft.Web/sites",
    "location": "westeurope",
}
GCLOUD = {
    "name": "//storage.googleapis.com/projects/_/buckets/b",
    "assetType": "storage.googleapis.com/Bucket",
    "project": "projects/1",
}
# Each format with a deep value where that format's own nesting is, as JSON text: the
# value's levels are added to the document's own (the states' 6, AWS Config's 3, ...).
DEEP_FILES: dict[str, str] = {
    "terraform.tfstate": json.dumps(state({"deep": "@DEEP@"})),
    "show.json": json.dumps(shown("@DEEP@", None)),
    "config.json": json.dumps({"configurationItems": [{**CONFIG_ITEM, "x": "@DEEP@"}]}),
    "az.json": json.dumps([{**AZ, "properties": "@DEEP@"}]),
    "gcloud.json": json.dumps([{**GCLOUD, "versionedResources": "@DEEP@"}]),
    "export.json": json.dumps(GCLOUD) + "\n" + json.dumps({**GCLOUD, "resource": "@DEEP@"}),
}


@pytest.mark.parametrize("name", DEEP_FILES)
@pytest.mark.parametrize("levels", [MAX_DEPTH, 5000])
def test_json_nested_past_the_limit_exits_2_in_every_format(
    tmp_path: Path, name: str, levels: int
) -> None:
    path = tmp_path / name
    path.write_text(DEEP_FILES[name].replace(DEEP, nested(levels)))
    message = refused(tmp_path, path)
    assert f"{path}: JSON nested deeper than {MAX_DEPTH} levels" in message


def test_json_nested_past_the_limit_inside_a_config_item_exits_2(tmp_path: Path) -> None:
    """The API's AWS Config items carry `configuration` as JSON text, parsed on its own."""
    configuration = '{"a": ' + nested(MAX_DEPTH) + "}"
    path = tmp_path / "history.json"
    path.write_text(
        json.dumps({"configurationItems": [{**CONFIG_ITEM, "configuration": configuration}]})
    )
    message = refused(tmp_path, path)
    assert f"{path}: configurationItems[0] (i-1): configuration: JSON nested deeper" in message


def test_a_state_nested_to_the_limit_is_read_and_its_deep_secrets_removed(
    tmp_path: Path,
) -> None:
    """The document is 6 levels deep before the attribute; marks follow it to the bottom,
    and removing what they mark walks as deep as the values go."""
    deep = MAX_DEPTH - 6
    step = {"type": "index", "value": {"value": 0, "type": "number"}}
    marks = [[{"type": "get_attr", "value": "deep"}] + [step] * (deep - 1)]
    path = tmp_path / "terraform.tfstate"
    text = json.dumps(
        state({"deep": "@DEEP@", "tags": {"Name": "web"}}, sensitive_attributes=marks)
    )
    path.write_text(text.replace(DEEP, nested(deep, '"PLANTED-secret"')))
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    assert "PLANTED" not in out.read_text()
    assert [r["name"] for r in resources(out)] == ["web"]


def test_show_json_nested_to_the_limit_is_read_through_its_marks(tmp_path: Path) -> None:
    deep = MAX_DEPTH - 6  # the marks tree is as deep as the values it marks
    path = tmp_path / "show.json"
    path.write_text(
        json.dumps(shown("@DEEP@", "@MARKS@"))
        .replace(DEEP, nested(deep, '"PLANTED-secret"'))
        .replace('"@MARKS@"', nested(deep, "true"))
    )
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    assert "PLANTED" not in out.read_text()


def test_brackets_and_escaped_quotes_inside_strings_do_not_nest(tmp_path: Path) -> None:
    text = '\\"' + "[{" * MAX_DEPTH + "\\\\"  # a string holding brackets, a quote, a backslash
    path = tmp_path / "terraform.tfstate"
    path.write_text(json.dumps(state({"user_data": "@DEEP@"})).replace(DEEP, f'"{text}"'))
    code, output, _ = run(tmp_path, str(path))
    assert code == 0, output


# ------------------------------------------------------------------ size


def test_a_gzip_that_unpacks_past_the_limit_exits_2_holding_no_more_than_the_limit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.json.gz"
    body = b'{"version": 4, "resources": [], "x": "' + b"a" * (64 * 2**20) + b'"}'
    path.write_bytes(gzip.compress(body, compresslevel=9))  # 64 MiB in about 64 KiB
    tracemalloc.start()
    try:
        message = refused(tmp_path, path, "--max-file-gib", "0.004")  # about 4 MiB
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (
        f"{path}: unpacks to more than 0.004 GiB, the most exitplan reads from one file" in message
    )
    assert "--max-file-gib N or EXITPLAN_MAX_FILE_GIB=N" in message
    assert peak < 16 * 2**20


def test_a_plain_file_past_the_limit_exits_2_and_the_limit_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "inventory.csv"
    path.write_text("\n".join([HEADER] + [ROW.format(n=n) for n in range(20_000)]) + "\n")
    limit = {"EXITPLAN_MAX_FILE_GIB": "0.0005"}  # about 500 KiB; the file is about 1.4 MiB
    message = refused(tmp_path, path, env=limit)
    assert f"{path}: is larger than 0.0005 GiB" in message
    code, output, out = run(tmp_path, str(path), "--max-file-gib", "0.01", env=limit)
    assert code == 0, output
    assert len(resources(out)) == 20_000


@pytest.mark.parametrize("value", ["0", "-1", "nan"])
def test_a_limit_that_is_no_size_exits_2(tmp_path: Path, value: str) -> None:
    path = tmp_path / "inventory.csv"
    path.write_text(f"{HEADER}\n{ROW.format(n=1)}\n")
    assert f"--max-file-gib {value}: not a size" in refused(tmp_path, path, "--max-file-gib", value)


# ------------------------------------------------------------------ CSV


def test_a_cell_longer_than_the_csv_module_allows_is_read(tmp_path: Path) -> None:
    path = tmp_path / "inventory.csv"
    long = "n" * 200_000
    path.write_text(f"{HEADER},notes\n{ROW.format(n=1)},{long}\naws,1,r,T,x,{long}-2,\n")
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    assert sorted(len(r["name"]) for r in resources(out)) == [2, 200_002]


def test_a_very_wide_header_is_read_in_linear_time(tmp_path: Path) -> None:
    """40,000 columns: checking the header name by name against all the others took 13 s."""
    extra = [f"column{n}" for n in range(40_000)]
    path = tmp_path / "inventory.csv"
    row = ROW.format(n=1) + ",x" * len(extra) + ",postgres"
    path.write_text(",".join([HEADER, *extra, "engine"]) + "\n" + row + "\n")
    code, output, out = run(tmp_path, str(path))
    assert code == 0, output
    (resource,) = resources(out)
    assert resource["attributes"] == {"engine": "postgres"}
    skipped = json.loads(out.read_text())["skipped"]
    assert sorted(s["type"] for s in skipped) == sorted(f"column {c}" for c in extra)
    out.unlink()
    path.write_text(",".join([HEADER, *extra, "column7", "column7", "name"]) + "\n")
    assert "the header names column7, name more than once" in refused(tmp_path, path)


def test_a_quote_left_open_exits_2_naming_the_line_where_it_opened(tmp_path: Path) -> None:
    path = tmp_path / "inventory.csv"
    lines = [
        HEADER + ",notes",
        ROW.format(n=1) + ',"two lines,\nclosed ""here"""',  # lines 2 and 3
        ROW.format(n=2) + ',5" disk',  # a quote inside a cell is only text
        ROW.format(n=3) + ',"never closed',  # line 5
        ROW.format(n=4) + ",x",
        ROW.format(n=5) + ",y",
    ]
    path.write_text("\n".join(lines) + "\n")
    message = refused(tmp_path, path)
    assert f"{path}: line 5: a quote opens a cell that is never closed" in message


def test_text_after_a_closing_quote_exits_2_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "inventory.csv"
    path.write_text(f'{HEADER}\n{ROW.format(n=1)}\n{ROW.format(n=2)[:-2]}"b"2\n')
    assert f"{path}: line 3 is not valid CSV" in refused(tmp_path, path)


# ------------------------------------------------------------------ encodings

ENCODED = ["state-multi.tfstate", "show.json", "config-history.json", "az-resource-list.json"]
ENCODED += ["az-graph-query.json", "gcloud-search.json", "gcloud-list.json", "cmdb.csv"]


@pytest.mark.parametrize("name", ENCODED)
@pytest.mark.parametrize(
    ("encoding", "mark"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-32-le", codecs.BOM_UTF32_LE),
    ],
)
def test_a_file_with_a_byte_order_mark_reads_as_its_utf8_original(
    tmp_path: Path, name: str, encoding: str, mark: bytes
) -> None:
    """Windows PowerShell 5.1 writes `>` as UTF-16 with a mark, `Out-File -Encoding utf8`
    as UTF-8 with one."""
    original = FIXTURES / name
    path = tmp_path / f"encoded-{name}"
    path.write_bytes(mark + original.read_text(encoding="utf-8-sig").encode(encoding))
    code, output, out = run(tmp_path, str(original))
    assert code in (0, 1), output
    expected = resources(out)
    code, output, out = run(tmp_path, str(path))
    assert code in (0, 1), output
    assert resources(out) == expected
    assert expected


def test_utf16_without_a_mark_exits_2_naming_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "terraform.tfstate"
    path.write_bytes((FIXTURES / "state-multi.tfstate").read_text().encode("utf-16-be"))
    message = refused(tmp_path, path)
    assert f"{path}: is UTF-16 (big-endian) without a byte order mark" in message
    assert "save it as UTF-8, or as UTF-16 with its byte order mark" in message


def test_utf16_that_breaks_off_exits_2_naming_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "terraform.tfstate"
    path.write_bytes(b"\xff\xfe" + '{"version": 4}'.encode("utf-16-le") + b"\x00")
    assert f"{path}: is not UTF-16 text (byte 30 cannot be read)" in refused(tmp_path, path)
