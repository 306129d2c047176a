"""Hostile inventories: every one is refused as bad input (exit 2) naming the field, never
an internal error (exit 3), and never accepted as if it made sense."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.encoding import EncodingProblem, decode, utf8
from exitplan.inventory import read_inventory
from exitplan.model import ATTRIBUTES, ScanInfo
from exitplan.moments import EARLIEST

from .conftest import plan_error, write_json


def _refused(runner: CliRunner, tmp_path: Path, data: Any) -> str:
    return plan_error(runner, tmp_path, str(write_json(tmp_path / "inv.json", data)))


def _planned(runner: CliRunner, tmp_path: Path, path: Path) -> str:
    out = tmp_path / "plan"
    result = runner.invoke(app, ["plan", str(path), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return (out / "exit-plan.md").read_text()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("finished_at", "9999-12-31T23:00:00Z", "in the future"),
        ("finished_at", "9999-12-31T23:00:00-05:00", "in the future"),
        ("started_at", "0001-01-01T00:00:00+05:00", "before 2006-01-01"),
        ("finished_at", "2005-12-31T23:59:59Z", "before 2006-01-01"),
        ("finished_at", 1790000000, "seconds"),
        ("finished_at", "1790000000", "seconds"),
        ("finished_at", 1.5, "seconds"),
        ("started_at", True, "valid datetime"),
    ],
)
def test_scan_times_out_of_bounds_are_refused(
    runner: CliRunner,
    tmp_path: Path,
    sample_data: dict[str, Any],
    field: str,
    value: object,
    words: str,
) -> None:
    sample_data["scan"][field] = value
    message = _refused(runner, tmp_path, sample_data)
    assert f"scan.{field}" in message and words in message


def test_a_scan_in_the_future_is_refused_beyond_a_day_of_clock_skew(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    sample_data["scan"]["finished_at"] = (now + dt.timedelta(days=2)).isoformat()
    assert "in the future" in _refused(runner, tmp_path, sample_data)
    sample_data["scan"]["finished_at"] = (now + dt.timedelta(hours=20)).isoformat()
    _planned(runner, tmp_path, write_json(tmp_path / "skewed.json", sample_data))


def test_a_scan_that_starts_after_it_finishes_is_refused(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    sample_data["scan"]["started_at"] = "2026-11-02T08:00:00Z"
    message = _refused(runner, tmp_path, sample_data)
    assert "scan" in message and "started_at" in message and "after finished_at" in message


def test_the_reader_clock_can_be_given() -> None:
    times = {"tool": "t", "tool_version": "1", "source": "s"}
    early = dt.datetime(2006, 1, 1, tzinfo=dt.timezone.utc)
    assert early == EARLIEST
    scan = {
        **times,
        "started_at": early,
        "finished_at": dt.datetime(2030, 1, 1, 12, tzinfo=early.tzinfo),
    }
    assert ScanInfo.model_validate(
        scan, context={"now": dt.datetime(2030, 1, 1, tzinfo=early.tzinfo)}
    )
    with pytest.raises(ValidationError, match="in the future"):
        ScanInfo.model_validate(
            scan, context={"now": dt.datetime(2029, 12, 1, tzinfo=early.tzinfo)}
        )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("size_bytes", 10**300),
        ("size_bytes", 2**60 + 1),
        ("size_bytes", 1e30),
        ("object_count", 10**300),
        ("item_count", 10**16),
        ("vcpu", 10**6),
        ("memory_mib", 2**40),
        ("node_count", 10**7),
        ("size_bytes", True),
        ("size_bytes", -1),
    ],
)
def test_absurd_counts_are_refused_with_their_bound(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any], name: str, value: object
) -> None:
    sample_data["resources"][0]["attributes"][name] = value
    message = _refused(runner, tmp_path, sample_data)
    limit = ATTRIBUTES[name].maximum
    assert limit is not None
    assert f"attributes.{name} must be a whole number from 0 to {limit:,}" in message
    assert "resources[0]" in message


def test_the_largest_size_is_accepted(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    bucket = next(r for r in sample_data["resources"] if r["type"] == "AWS::S3::Bucket")
    bucket["attributes"]["size_bytes"] = 2**60
    bucket["attributes"]["object_count"] = 10**15
    plan = _planned(runner, tmp_path, write_json(tmp_path / "big.json", sample_data))
    assert "1,024.0 PiB" in plan


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_numbers_are_refused_in_any_attribute(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any], text: str
) -> None:
    sample_data["resources"][2]["attributes"]["utilisation"] = "@"
    path = tmp_path / "inv.json"
    path.write_text(json.dumps(sample_data).replace('"@"', text))
    message = plan_error(runner, tmp_path, str(path))
    assert "resources[2]" in message and "attributes.utilisation" in message
    assert "finite" in message


def test_other_whole_numbers_stay_within_64_bits(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    sample_data["resources"][1]["attributes"]["iops"] = 2**63
    message = _refused(runner, tmp_path, sample_data)
    assert "resources[1]" in message and "attributes.iops" in message and "64" in message


@pytest.mark.parametrize("field", ["account", "region", "type", "id"])
def test_blank_names_are_refused(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any], field: str
) -> None:
    sample_data["resources"][4][field] = "   "
    message = _refused(runner, tmp_path, sample_data)
    assert "resources[4]" in message and f"{field} is blank" in message


@pytest.mark.parametrize("field", ["account", "region", "type", "id"])
@pytest.mark.parametrize(
    "text",
    [
        "\u200b",  # zero-width space
        "\u200d\u2060",  # joiners
        "\u202e\u2066\u200f",  # bidi override, isolate, mark
        " \ufeff\t",  # white space and a byte order mark
        "\u3164\u2800",  # a filler and a blank braille pattern, drawn as nothing
        "\U000e0041\U000e007f",  # tag characters
        "\x01\x7f",  # controls
    ],
)
def test_names_that_show_nothing_are_refused(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any], field: str, text: str
) -> None:
    sample_data["resources"][4][field] = text
    message = _refused(runner, tmp_path, sample_data)
    assert "resources[4]" in message and f"{field} is blank" in message


def test_a_name_with_an_invisible_character_beside_a_visible_one_is_read(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    sample_data["resources"][4]["id"] = "\u200b" + sample_data["resources"][4]["id"]
    path = write_json(tmp_path / "inv.json", sample_data)
    result = runner.invoke(app, ["plan", str(path), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0, result.output


def test_blank_gap_and_scope_fields_are_refused(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    sample_data["gaps"][0]["scope"] = "\t"
    assert "gaps[0]" in _refused(runner, tmp_path, sample_data)


@pytest.mark.parametrize(("value", "shown"), [(True, "true"), ("1", '"1"'), (1.0, "1.0")])
def test_schema_version_must_be_the_number_1(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any], value: object, shown: str
) -> None:
    sample_data["schema_version"] = value
    message = _refused(runner, tmp_path, sample_data)
    assert f"schema_version {shown} is not supported" in message


def test_skipped_counts_are_numbers_not_booleans(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    sample_data["skipped"] = [{"source": "s.tf", "type": "random_id", "count": True, "reason": "r"}]
    assert "skipped[0].count" in _refused(runner, tmp_path, sample_data)


def _with_key_twice(sample_data: dict[str, Any], tmp_path: Path, where: str) -> Path:
    text = json.dumps(sample_data, indent=1)
    record = json.dumps(sample_data["resources"][3]["id"])
    first = {
        "resource": f'"id": {record}',
        "top": '"schema_version": 1',
        "tags": '"tags": {',
    }[where]
    twice = {
        "resource": f'"id": {record}, "id": "other"',
        "top": '"schema_version": 1, "schema_version": 1',
        "tags": '"tags": {"owner": "a", "owner": "b", ',
    }[where]
    at = text.index(first) if where != "tags" else text.index(first, text.index(record))
    path = tmp_path / "dup.json"
    path.write_text(text[:at] + twice + text[at + len(first) :])
    return path


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("resource", ["resources[3]", "'id' appears twice", "line "]),
        ("top", ["top level", "'schema_version' appears twice"]),
        ("tags", ["resources[3].tags", "'owner' appears twice"]),
    ],
)
def test_a_key_twice_in_one_object_is_refused(
    runner: CliRunner,
    tmp_path: Path,
    sample_data: dict[str, Any],
    where: str,
    words: list[str],
) -> None:
    message = plan_error(runner, tmp_path, str(_with_key_twice(sample_data, tmp_path, where)))
    for word in words:
        assert word in message


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks_are_read(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any], codec: str
) -> None:
    text = json.dumps(sample_data, ensure_ascii=False)
    path = tmp_path / "inv.json"
    body = text.encode(codec)
    # Python writes no BOM for an explicit byte order; PowerShell and editors do.
    path.write_bytes(("\ufeff".encode(codec) if codec.endswith("-be") else b"") + body)
    _planned(runner, tmp_path, path)
    assert len(read_inventory(path).resources) == len(sample_data["resources"])


def test_utf16_without_a_byte_order_mark_is_named(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    path = tmp_path / "inv.json"
    path.write_bytes(json.dumps(sample_data).encode("utf-16-le"))
    message = plan_error(runner, tmp_path, str(path))
    assert "UTF-16" in message and "byte order mark" in message


def test_latin1_is_named_not_utf8(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    sample_data["resources"][0]["name"] = "caf\u00e9"
    path = tmp_path / "inv.json"
    path.write_bytes(json.dumps(sample_data, ensure_ascii=False).encode("latin-1"))
    message = plan_error(runner, tmp_path, str(path))
    assert "not UTF-8" in message and "line 1" in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("null", "the file holds null"),
        ("[]", "the file holds a list"),
        ("42", "the file holds a number"),
        ('"inventory"', "the file holds a string"),
        ("true", "the file holds true"),
    ],
)
def test_the_top_level_is_named_in_plain_words(
    runner: CliRunner, tmp_path: Path, text: str, words: str
) -> None:
    path = tmp_path / "inv.json"
    path.write_text(text)
    message = plan_error(runner, tmp_path, str(path))
    assert words in message and "NoneType" not in message


def test_encoding_reads_boms_and_names_the_rest() -> None:
    assert utf8(b"\xef\xbb\xbf{}") == b"{}"
    assert utf8("{\u00e9}".encode("utf-16")) == "{\u00e9}".encode()
    assert utf8(b"{}") == b"{}"
    assert decode(b"\xef\xbb\xbfa\r\nb") == "a\r\nb"
    with pytest.raises(EncodingProblem, match=r"UTF-16 \(big-endian\) without a byte order mark"):
        utf8("{}".encode("utf-16-be"))
    with pytest.raises(EncodingProblem, match=r"not UTF-8: byte 0xe9 at line 2"):
        decode(b"a\nb\xe9")
    with pytest.raises(EncodingProblem, match="not valid UTF-16"):
        utf8(b"\xff\xfe\x00\xd8")


def test_the_printed_schema_shows_the_attribute_bounds(
    runner: CliRunner, sample_data: dict[str, Any]
) -> None:
    result = runner.invoke(app, ["schema", "inventory"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    known = schema["$defs"]["Resource"]["properties"]["attributes"]["properties"]
    assert known["size_bytes"]["maximum"] == 2**60 and known["size_bytes"]["minimum"] == 0
    assert known["vcpu"]["maximum"] == ATTRIBUTES["vcpu"].maximum
    assert "engine" in known and "maximum" not in known["engine"]
    sample_data["resources"][0]["attributes"]["node_count"] = 100_001
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(sample_data, schema)
