"""Untrusted text from cloud accounts cannot inject Markdown, HTML or spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from markupsafe import Markup

from exitplan.catalogue import Catalogue
from exitplan.inventory import InventorySource, LoadedInventory
from exitplan.markdown import code, escape, remembering, size
from exitplan.model import Inventory
from exitplan.pipeline import make_plan
from exitplan.planning import PlanMeta
from exitplan.profile import Profile
from exitplan.render import render
from tests.hostile import assert_tables_keep_their_columns

HOSTILE = (
    "evil | col [click](http://attacker.example) <img src=x onerror=alert(1)> *bold* `x`\n# H"
    " see https://phish.example, www.phish.example or admin@phish.example"
)


def test_escape_neutralises_markdown_and_html() -> None:
    text = escape(HOSTILE)
    assert "\n" not in text
    for raw in ("|", "[", "]", "<", ">", "*", "`", "#"):
        assert raw not in text.replace("\\" + raw, ""), raw
    # Links are broken up by an invisible word joiner, which backslashes cannot do.
    assert "@" not in text.replace("\u2060@", "") and "//" not in text
    assert "www." not in text and "phish.\u2060example" in text
    assert code("a`b|c") == "`a'b\\|c`"


def test_remembered_escaping_tells_equal_values_of_other_types_apart() -> None:
    remembered = remembering(escape)
    values: list[object] = ["a_b", 1, True, 1.0, "1", Markup("a_b"), "a_b", 1, True]
    assert [remembered(v) for v in values] == [escape(v) for v in values]
    assert [str(remembered(v)) for v in (1, True, 1.0)] == ["1", "True", "1.0"]


def test_size_units() -> None:
    assert size(0) == "0 B"
    assert size(512) == "512 B"
    assert size(1536) == "1.5 KiB"
    assert size(8 * 1024**4) == "8.0 TiB"


def _hostile_plan(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> dict[str, str]:
    for resource in sample_data["resources"][:40]:
        resource["name"] = HOSTILE
        resource["tags"]["application"] = '=HYPERLINK("http://attacker.example")'
        resource["tags"]["owner"] = "<script>alert(1)</script>"
    sample_data["gaps"][0]["message"] = HOSTILE
    sample_data["skipped"] = [
        {"source": HOSTILE, "type": "random_password", "count": 2, "reason": "other provider"}
    ]
    inventory = Inventory.model_validate(sample_data)
    loaded = LoadedInventory(
        inventory, (InventorySource("inv.json", inventory.scan, len(inventory.resources), 1),), 0
    )
    return render(make_plan(loaded, catalogue, profile, PlanMeta(organisation="<b>Org</b>")))


def _outside_fences(text: str) -> tuple[str, list[str]]:
    """The text outside fenced code blocks, and the lines inside them."""
    outside: list[str] = []
    inside: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            outside.append(line)
        else:
            (inside if fenced else outside).append(line)
    assert not fenced, "a fenced code block is left open"
    return "\n".join(outside), inside


def test_plan_and_runbooks_escape_cloud_text(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> None:
    files = _hostile_plan(sample_data, catalogue, profile)
    for name, text in files.items():
        if not name.endswith(".md"):
            continue
        # A runbook's commands carry names in fenced code blocks, which every renderer shows
        # as they are: no HTML, no link. What matters there is that no name ends the block.
        text, fenced = _outside_fences(text)
        assert all(not line.lstrip().startswith(("```", "~~~")) for line in fenced), name
        assert not re.search(r"(?<!\\)<(script|img|b>)", text), name
        assert "[click](http://attacker" not in text, name
        # Nothing that GitHub would turn into a link by itself.
        assert not re.search(r"https?://phish|www\.phish|[^\u2060]@phish", text), name
        assert_tables_keep_their_columns(name, text)


def test_csv_cells_cannot_start_a_formula(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> None:
    files = _hostile_plan(sample_data, catalogue, profile)
    rows = list(csv.DictReader(io.StringIO(files["resource-mapping.csv"])))
    workloads = {r["workload"] for r in rows}
    assert '\'=HYPERLINK("http://attacker.example")' in workloads
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values())


def test_what_an_import_left_out_is_listed_in_the_plan(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> None:
    sample_data["skipped"] = [
        {
            "source": "envs/prod/terraform.tfstate",
            "type": "random_password",
            "count": 3,
            "reason": "provider random is not AWS, Azure or Google Cloud",
        },
        {
            "source": "envs/prod/terraform.tfstate",
            "type": "aws_s3_bucket_policy",
            "count": 2,
            "reason": "a part or setting of another resource, which is imported",
        },
    ]
    inventory = Inventory.model_validate(sample_data)
    loaded = LoadedInventory(
        inventory, (InventorySource("inv.json", inventory.scan, len(inventory.resources), 1),), 0
    )
    plan = render(make_plan(loaded, catalogue, profile, PlanMeta()))["exit-plan.md"]
    section = plan.split("### Left out on purpose", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| envs")]
    assert rows == [
        "| envs/prod/terraform.\u2060tfstate | `aws_s3_bucket_policy` | 2 | a part or setting of "
        "another resource, which is imported |",
        "| envs/prod/terraform.\u2060tfstate | `random_password` | 3 | provider random is not "
        "AWS, Azure or Google Cloud |",
    ]
