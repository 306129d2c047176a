"""Reading cost exports into spend: each format from a real sample where one is public
(tests/fixtures/spend/README.md), detection, gzip, Parquet, gaps and the averages."""

from __future__ import annotations

import csv
import gzip
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from exitplan.spend import Spend, read_spend

FIXTURES = Path(__file__).parent / "fixtures" / "spend"


def fixture(name: str) -> Path:
    return FIXTURES / name


def by(spend: Spend, field: str) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for line in spend.lines:
        sums[getattr(line, field)] += line.amount
    return dict(sums)


def gaps(spend: Spend, kind: str) -> list[tuple[str, int, Decimal | None]]:
    return [(g.provider, g.rows, g.amount) for g in spend.gaps if g.kind == kind]


def sample_rows(name: str) -> list[dict[str, str]]:
    with open(fixture(name), encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_focus_sample_sums_effective_cost_per_provider() -> None:
    spend = read_spend([fixture("focus-1.0-sample.csv")])
    rows = sample_rows("focus-1.0-sample.csv")
    expected: dict[str, Decimal] = defaultdict(Decimal)
    names = {"AWS": "aws", "Microsoft": "azure", "Oracle": "other"}
    for row in rows:
        expected[names[row["ProviderName"]]] += Decimal(row["EffectiveCost"])
    assert by(spend, "provider") == expected
    (read,) = spend.files
    assert (read.format, read.basis, read.cost_column, read.rows, read.months) == (
        "focus",
        "amortized",
        "EffectiveCost",
        len(rows),
        ("2024-09",),
    )
    assert gaps(spend, "credit") == [("aws", 1, Decimal("-3.00000000000"))]


def test_focus_workload_comes_from_the_application_tag() -> None:
    spend = read_spend([fixture("focus-1.0-sample.csv")])
    tagged = {
        row["SubAccountId"]
        for row in sample_rows("focus-1.0-sample.csv")
        if '"application": "BrightPathMatrix"' in row["Tags"]
    }
    assert tagged
    assert {x.account for x in spend.lines if x.workload == "BrightPathMatrix"} == tagged
    # Microsoft's rows carry tags, none of them a workload key.
    assert {x.workload for x in spend.lines if x.provider == "azure"} == {""}


def test_only_partly_covered_months_are_gaps_and_left_out_of_averages() -> None:
    spend = read_spend([fixture("focus-1.0-sample.csv"), fixture("aws-cur2.csv")])
    partial = {(g.provider, g.detail) for g in spend.gaps if g.kind == "partial-month"}
    # The excerpt holds some days of September only; the CUR a whole January.
    assert partial == {("aws", "2024-09"), ("azure", "2024-09"), ("other", "2024-09")}
    average = spend.monthly_average("provider")
    assert average.without_full_month == ("azure", "other")
    assert average.months[0] == ("aws", ("2025-01",))
    assert dict(average.amounts) == {"aws": Decimal("159.5")}


def test_legacy_cur_sample_keeps_taxes_apart() -> None:
    spend = read_spend([fixture("aws-cur-legacy-sample.csv")])
    rows = sample_rows("aws-cur-legacy-sample.csv")
    usage = sum(
        (Decimal(r["lineItem/UnblendedCost"]) for r in rows if r["lineItem/LineItemType"] != "Tax"),
        Decimal(0),
    )
    tax = sum(
        (Decimal(r["lineItem/UnblendedCost"]) for r in rows if r["lineItem/LineItemType"] == "Tax"),
        Decimal(0),
    )
    assert spend.total() == usage
    assert sum((x.amount for x in spend.taxes), Decimal(0)) == tax > 0
    assert {x.service for x in spend.lines} >= {"Amazon Simple Storage Service", "AWS Glue"}
    assert {x.account for x in spend.lines} == {"123412340534"}
    (read,) = spend.files
    assert (read.format, read.basis) == ("aws-cur", "amortized")
    assert gaps(spend, "tax")[0][1] == sum(r["lineItem/LineItemType"] == "Tax" for r in rows)


def test_azure_ea_sample_reads_us_dates_and_tags_without_braces() -> None:
    spend = read_spend([fixture("azure-ea-sample.csv")])
    rows = sample_rows("azure-ea-sample.csv")
    assert spend.total("CAD") == sum(
        (Decimal(r["CostInBillingCurrency"]) for r in rows), Decimal(0)
    )
    assert {x.month for x in spend.lines} == {"2023-09"}
    assert {x.service for x in spend.lines} == {r["MeterCategory"] for r in rows}
    assert not gaps(spend, "tags")
    assert spend.files[0].basis == "unstated"


def test_cur2_amortizes_commitments_row_by_row() -> None:
    spend = read_spend([fixture("aws-cur2.csv")])
    # usage 100 + covered 30 + negation 0 + unused commitment 10 + RI usage 20
    # + unused RI fees 5 + credit -10 + S3 7.5 + refund -3
    assert spend.total() == Decimal("159.5")
    assert by(spend, "workload") == {
        "shop": Decimal("130"),
        "crm": Decimal("20"),
        "": Decimal("9.5"),
    }
    assert [x.amount for x in spend.taxes] == [Decimal("12.00")]
    assert gaps(spend, "no-cost") == [("", 1, None)]
    assert gaps(spend, "credit") == [("aws", 1, Decimal("-10.00"))]
    assert gaps(spend, "refund") == [("aws", 1, Decimal("-3.00"))]
    assert spend.full_months == (("aws", ("2025-01",)),)
    (read,) = spend.files
    assert read.rows == 11 and read.basis == "amortized"


def test_cur_without_commitment_columns_is_unblended() -> None:
    spend = read_spend([fixture("gcp-billing.csv"), fixture("aws-cost-explorer.csv")])
    assert {f.format: f.basis for f in spend.files} == {
        "gcp": "billed",
        "aws-cost-explorer": "unstated",
    }


def test_cost_explorer_download_gives_whole_months() -> None:
    spend = read_spend([fixture("aws-cost-explorer.csv")])
    assert by(spend, "month") == {"2025-01": Decimal("110.00"), "2025-02": Decimal("220.00")}
    assert by(spend, "service") == {"EC2-Instances": Decimal("300.00"), "S3": Decimal("30.00")}
    assert spend.full_months == (("aws", ("2025-01", "2025-02")),)
    assert spend.monthly_average().total == Decimal("165")
    assert gaps(spend, "no-account") == [("aws", 4, Decimal("330.00"))]


def test_azure_mca_amortized_export() -> None:
    spend = read_spend([fixture("azure-mca-amortized.csv")])
    assert spend.files[0].basis == "amortized"
    assert spend.full_months == (("azure", ("2025-02",)),)
    average = spend.monthly_average("workload", "EUR")
    assert dict(average.amounts) == {"shop": Decimal("280.00"), "": Decimal("7.00")}
    assert gaps(spend, "no-account") == [("azure", 1, Decimal("0.75"))]


def test_gcp_json_lines_count_credits_and_keep_taxes_apart() -> None:
    spend = read_spend([fixture("gcp-billing.jsonl")])
    assert by(spend, "account") == {"shop-prod": Decimal("100.0"), "data-prod": Decimal("30")}
    assert {x.workload for x in spend.lines if x.account == "shop-prod"} == {"shop"}
    assert gaps(spend, "credit") == [("gcp", 1, Decimal("-20.5"))]
    assert [x.amount for x in spend.taxes] == [Decimal("25.2")]
    assert spend.currencies == ("EUR",)


def test_gcp_json_array_reads_as_json_lines_do(tmp_path: Path) -> None:
    lines = fixture("gcp-billing.jsonl").read_text().splitlines()
    array = tmp_path / "rows.json"
    array.write_text("[\n" + ",\n".join(lines) + "\n]\n")
    assert read_spend([array]).lines == read_spend([fixture("gcp-billing.jsonl")]).lines


def test_gcp_csv_with_dotted_or_flat_column_names(tmp_path: Path) -> None:
    text = fixture("gcp-billing.csv").read_text()
    flat = tmp_path / "flat.csv"
    flat.write_text(text.replace("service.description", "service_description"))
    spend = read_spend([fixture("gcp-billing.csv")])
    assert spend.total() == Decimal("130.00")
    assert read_spend([flat]).lines == spend.lines


def test_gzip_is_told_from_the_content(tmp_path: Path) -> None:
    packed = tmp_path / "focus.csv.gz"
    with open(fixture("focus-1.0-sample.csv"), "rb") as source, gzip.open(packed, "wb") as out:
        shutil.copyfileobj(source, out)
    spend = read_spend([packed])
    assert spend.lines == read_spend([fixture("focus-1.0-sample.csv")]).lines
    assert spend.files[0].name == str(packed)


def test_the_same_files_in_any_order_give_the_same_value() -> None:
    names = [
        "focus-1.0-sample.csv",
        "aws-cur2.csv",
        "azure-mca-amortized.csv",
        "gcp-billing.jsonl",
        "aws-cost-explorer.csv",
    ]
    forward = read_spend([fixture(n) for n in names])
    backward = read_spend([fixture(n) for n in reversed(names)])
    assert forward == backward
    assert forward.monthly_average("account") == backward.monthly_average("account")


def test_averages_in_one_currency_name_the_others() -> None:
    spend = read_spend([fixture("aws-cur2.csv"), fixture("azure-mca-amortized.csv")])
    assert spend.currencies == ("EUR", "USD")  # the currency of the most spend first
    eur = spend.monthly_average("provider")
    assert (eur.currency, dict(eur.amounts), eur.other_currencies) == (
        "EUR",
        {"azure": Decimal("287.00")},
        ("USD",),
    )
    # Ten rows with a cost, the tax among them; the amount is the spend they give.
    assert gaps(spend, "currency") == [("aws", 10, Decimal("159.50"))]
    usd = spend.monthly_average("account", "USD")
    assert dict(usd.amounts) == {
        "aws:111111111111": Decimal("155"),
        "aws:222222222222": Decimal("4.5"),
    }


def test_parquet_reads_as_the_same_export_in_csv(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pacsv = pytest.importorskip("pyarrow.csv")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pacsv.read_csv(
        fixture("aws-cur2.csv"),
        convert_options=pacsv.ConvertOptions(
            column_types={"line_item_usage_account_id": pa.string()}
        ),
    )
    # CUR 2.0 delivers its tags as a map column, not as JSON text.
    tags = pa.array(
        [
            list(__import__("json").loads(t).items()) if t else None
            for t in table.column("resource_tags").to_pylist()
        ],
        type=pa.map_(pa.string(), pa.string()),
    )
    table = table.set_column(table.schema.get_field_index("resource_tags"), "resource_tags", tags)
    target = tmp_path / "cur2.parquet"
    pq.write_table(table, target)
    spend = read_spend([target])
    expected = read_spend([fixture("aws-cur2.csv")])
    assert spend.lines == expected.lines
    assert spend.taxes == expected.taxes
    assert spend.files[0].rows == expected.files[0].rows


def test_focus_later_spellings_and_billed_cost_without_effective_cost(tmp_path: Path) -> None:
    text = fixture("focus-1.0-sample.csv").read_text(encoding="utf-8")
    renamed = tmp_path / "focus-1.3.csv"
    renamed.write_text(text.replace('"ProviderName"', '"ServiceProviderName"', 1))
    assert read_spend([renamed]).lines == read_spend([fixture("focus-1.0-sample.csv")]).lines
    billed = tmp_path / "billed.csv"
    billed.write_text(text.replace('"EffectiveCost"', '"x_EffectiveCost"', 1))
    spend = read_spend([billed])
    assert (spend.files[0].basis, spend.files[0].cost_column) == ("billed", "BilledCost")
    expected = sum(
        (Decimal(r["BilledCost"]) for r in sample_rows("focus-1.0-sample.csv")), Decimal(0)
    )
    assert sum((x.amount for x in spend.lines), Decimal(0)) == expected


def test_legacy_cur_tag_columns_give_the_workload(tmp_path: Path) -> None:
    export = tmp_path / "cur.csv"
    export.write_text(
        "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,"
        "lineItem/ProductCode,lineItem/UnblendedCost,resourceTags/user:workload,"
        "resourceTags/user:application\n"
        "111111111111,Usage,2025-01-05T00:00:00Z,AmazonEC2,4,batch,shop\n"
        "111111111111,Usage,2025-01-05T01:00:00Z,AmazonEC2,2,batch,\n"
        "111111111111,Usage,2025-01-05T02:00:00Z,AmazonEC2,1,,\n"
    )
    spend = read_spend([export])
    # application before workload, as the plan orders the tag keys
    assert by(spend, "workload") == {"shop": 4, "batch": 2, "": 1}
    assert spend.files[0].basis == "billed"
    assert spend.full_months == (("aws", ()),)


def test_a_file_named_twice_counts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    spend = read_spend([Path("aws-cur2.csv"), Path("./aws-cur2.csv"), fixture("aws-cur2.csv")])
    assert spend.total() == Decimal("159.5")
    assert [f.name for f in spend.files] == [str(fixture("aws-cur2.csv"))]


def test_unreadable_tags_are_a_gap_and_the_cost_still_counts(tmp_path: Path) -> None:
    text = fixture("azure-mca-amortized.csv").read_text()
    broken = tmp_path / "azure.csv"
    broken.write_text(text.replace('"{""application"":""shop""}"', '"{application: shop"', 1))
    spend = read_spend([broken])
    assert spend.total() == read_spend([fixture("azure-mca-amortized.csv")]).total()
    assert gaps(spend, "tags") == [("azure", 1, Decimal("10.00"))]
    assert by(spend, "workload")[""] == Decimal("17.00")
