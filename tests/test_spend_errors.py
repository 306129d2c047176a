"""Files that are no cost export, or a cost export with a cell that cannot be read, are
refused with the file, the line (or record) and the column named, and nothing is read:
one bad file fails the whole read."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from exitplan.errors import InputError
from exitplan.spend import read_spend

FIXTURES = Path(__file__).parent / "fixtures"
SPEND = FIXTURES / "spend"


def refused(*paths: Path, **options: object) -> InputError:
    with pytest.raises(InputError) as caught:
        read_spend(list(paths), **options)  # type: ignore[arg-type]
    assert caught.value.hint
    return caught.value


def edited(tmp_path: Path, name: str, old: str, new: str, count: int = 1) -> Path:
    text = (SPEND / name).read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / name
    target.write_text(text.replace(old, new, count), encoding="utf-8")
    return target


def test_a_foreign_csv_is_refused_at_its_header() -> None:
    inventory = FIXTURES / "import" / "cmdb.csv"
    error = refused(inventory)
    assert f"{inventory}: line 1: the header (provider, account" in error.message
    assert "FOCUS" in (error.hint or "")


def test_json_of_something_else_is_refused_at_its_first_record(tmp_path: Path) -> None:
    other = tmp_path / "inventory.json"
    other.write_text('{"schema_version": 1, "resources": []}\n')
    error = refused(other)
    assert error.message == f"{other}: record 1 has no cost: not a Google Cloud billing export"


def test_a_non_numeric_cost_names_line_and_column(tmp_path: Path) -> None:
    bad = edited(tmp_path, "aws-cur2.csv", ",AmazonS3,USD,7.50,", ",AmazonS3,USD,7.50 USD,")
    error = refused(bad)
    assert error.message == (
        f"{bad}: line 10, column line_item_unblended_cost: '7.50 USD' is not a number"
    )


def test_a_bad_date_names_line_and_column(tmp_path: Path) -> None:
    bad = edited(tmp_path, "azure-mca-amortized.csv", "02/14/2025", "14/02/2025")
    error = refused(bad)
    assert error.message == f"{bad}: line 15, column date: '14/02/2025' is not a date"


def test_a_bad_cost_in_json_names_the_record(tmp_path: Path) -> None:
    bad = edited(tmp_path, "gcp-billing.jsonl", '"cost":30,', '"cost":"thirty",')
    error = refused(bad)
    assert error.message == f"{bad}: record 2, cost: 'thirty' is not a number"


def test_invalid_json_names_the_record(tmp_path: Path) -> None:
    bad = edited(tmp_path, "gcp-billing.jsonl", '"cost_type":"tax"', '"cost_type":tax')
    assert refused(bad).message.startswith(f"{bad}: record 3 is not valid JSON")


def test_a_line_with_too_few_cells_is_named(tmp_path: Path) -> None:
    bad = edited(tmp_path, "gcp-billing.csv", ",30.00,EUR,regular", ",30.00")
    assert refused(bad).message == f"{bad}: line 3 has 7 cells, the header 9"


def test_one_bad_file_fails_the_whole_read(tmp_path: Path) -> None:
    bad = edited(tmp_path, "aws-cost-explorer.csv", '"2025-02-01"', '"February"')
    error = refused(SPEND / "aws-cur2.csv", bad, SPEND / "gcp-billing.jsonl")
    assert error.message == f"{bad}: line 4, column Service: 'February' is not a date"


def test_a_format_named_must_match_the_header() -> None:
    error = refused(SPEND / "aws-cur2.csv", format="focus")
    assert error.message == f"{SPEND / 'aws-cur2.csv'}: line 1: this CSV is not a focus export"
    assert read_spend([SPEND / "aws-cur2.csv"], format="aws-cur").files[0].format == "aws-cur"


def test_an_unknown_format_name_is_refused() -> None:
    error = refused(SPEND / "aws-cur2.csv", format="cur3")
    assert error.message == "spend format cur3: not a format exitplan reads"


def test_empty_and_unreadable_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert refused(empty).message == f"{empty}: is empty"
    latin = tmp_path / "latin.csv"
    latin.write_bytes((SPEND / "gcp-billing.csv").read_bytes().replace(b"Engine", b"Engin\xe9"))
    assert refused(latin).message.startswith(f"{latin}: line 2: not UTF-8 text")
    assert refused(tmp_path / "missing.csv").message == f"{tmp_path / 'missing.csv'}: no such file"


def test_a_damaged_gzip_is_named(tmp_path: Path) -> None:
    packed = gzip.compress((SPEND / "aws-cur2.csv").read_bytes())
    cut = tmp_path / "cur.csv.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    assert refused(cut).message.startswith(f"{cut}: looks like gzip but cannot be unpacked")


def test_the_size_limit_counts_what_gzip_unpacks_to(tmp_path: Path) -> None:
    text = (SPEND / "aws-cur2.csv").read_bytes()
    packed = tmp_path / "cur.csv.gz"
    packed.write_bytes(gzip.compress(text))
    limit = len(text) - 1
    assert "unpacks to more than" in refused(packed, max_bytes=limit).message
    assert "is larger than" in refused(SPEND / "aws-cur2.csv", max_bytes=limit).message
    assert read_spend([packed], max_bytes=len(text)).files[0].rows == 11


def test_parquet_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cur.parquet"
    target.write_bytes(b"PAR1" + b"\0" * 16 + b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    error = refused(target)
    assert error.message == f"{target}: a Parquet file, which needs pyarrow"
    assert "exitplan[parquet]" in (error.hint or "")


def test_a_damaged_parquet_file_is_named(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    target = tmp_path / "cur.parquet"
    target.write_bytes(b"PAR1" + b"\0" * 16 + b"PAR1")
    assert refused(target).message.startswith(f"{target}: not a readable Parquet file")


def test_control_characters_in_a_cell_are_shown_inert(tmp_path: Path) -> None:
    bad = edited(tmp_path, "aws-cur2.csv", ",AmazonS3,USD,7.50,", ",AmazonS3,USD,\x1b[31m7,")
    assert "\\x1b[31m7" in refused(bad).message
