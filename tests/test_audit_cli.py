"""`exitplan audit` through the command line: exit codes, the demo's plan passing and
failing without its metadata, JSON of the published schema, JUnit XML of the structure
CI servers read, and untrusted text kept inert in every output."""

from __future__ import annotations

import json
from pathlib import Path

import cmarkgfm
import jsonschema
import pytest
from cmarkgfm.cmark import Options
from lxml import etree
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.sample import sample_path

PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"
JUNIT_XSD = Path(__file__).resolve().parent / "schemas" / "junit.xsd"
AS_OF = ["--as-of", "2026-12-01"]
HOSTILE = (
    "---\nowner: A\n---\n# Plan\n\n## Testing the plan <img src=x onerror=alert(1)> "
    "[x](javascript:alert(1)) \x1b[31m]]> & \u202e\n\nTBD\n"
)


def _audit(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", *args])
    return result.exit_code, result.output


def test_the_demo_plan_passes(demo_folder: Path) -> None:
    code, output = _audit(str(demo_folder), "--as-of", "2026-12-05")
    assert code == 0, output
    assert "passed" in output


def test_the_demo_plan_without_its_metadata_fails_naming_what_is_missing(
    demo_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plain"
    made = CliRunner().invoke(
        app, ["plan", str(demo_folder / "inventory.json"), "--out", str(out), "-q"]
    )
    assert made.exit_code == 0, made.output
    code, output = _audit(str(out), "--as-of", "2026-12-05")
    assert code == 1
    for rule in ("A-OWNER-UNNAMED", "A-APPROVER-UNNAMED", "A-APPROVAL-UNDATED",
                 "A-TEST-UNDATED", "A-PART-EMPTY:exit-triggers"):  # fmt: skip
        assert rule in output


def test_fail_on_sets_the_threshold() -> None:
    plan = str(PLANS / "unsigned.md")
    assert _audit(plan, *AS_OF)[0] == 1
    assert _audit(plan, *AS_OF, "--fail-on", "high")[0] == 0


def test_the_policy_s_threshold_and_interval_count(tmp_path: Path) -> None:
    policy = tmp_path / "audit.yaml"
    policy.write_text("review_interval_months: 36\nfail_on: medium\n", encoding="utf-8")
    code, output = _audit(str(PLANS / "stale-approval.md"), *AS_OF, "--policy", str(policy))
    assert code == 0, output


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--framework", "sox"], "--framework sox"),
        (["--fail-on", "severe"], "--fail-on severe"),
        (["--policy", "{policy}"], "audit.yaml:1: fail_on"),
        (["{missing}"], "no-such-plan.md"),
        (["--inventory", "{missing}"], "no-such-plan.md"),
    ],
)
def test_bad_input_exits_2_naming_it(tmp_path: Path, args: list[str], named: str) -> None:
    policy = tmp_path / "audit.yaml"
    policy.write_text("fail_on: severe\n", encoding="utf-8")
    missing = str(tmp_path / "no-such-plan.md")
    given = [a.format(policy=policy, missing=missing) for a in args]
    plan = [str(PLANS / "complete-en.md")] if "{missing}" not in args[:1] else []
    code, output = _audit(*plan, *given, *AS_OF)
    assert code == 2
    assert named in output
    assert "Traceback" not in output


def test_json_follows_the_published_schema(tmp_path: Path) -> None:
    code, output = _audit(str(PLANS), *AS_OF, "--json", "--inventory", str(sample_path()))
    assert code == 1
    schema = json.loads(CliRunner().invoke(app, ["schema", "audit"]).output)
    data = json.loads(output)
    jsonschema.validate(data, schema)
    assert data["passed"] is False and data["counts"]["medium"] > 0
    assert data["inventories"] == [str(sample_path())]


def test_junit_follows_the_structure_ci_servers_read(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    junit = tmp_path / "audit.xml"
    code, _output = _audit(str(PLANS), str(hostile), *AS_OF, "--junit", str(junit),
                           "--inventory", str(sample_path()))  # fmt: skip
    assert code == 1
    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    document = etree.parse(str(junit))
    schema.assertValid(document)
    suites = document.getroot().findall("testsuite")
    assert len(suites) == 9  # eight plans and the inventory
    unsigned = next(s for s in suites if s.get("name", "").endswith("unsigned.md"))
    failures = unsigned.findall("testcase/failure")
    assert {f.get("type") for f in failures} == {"medium"}
    assert unsigned.get("failures") == str(len(failures)) == "5"
    text = junit.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\u202e" not in text
    assert "<img" not in text and "\\x1b" in text


def test_the_report_keeps_hostile_text_inert(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    report = tmp_path / "audit.md"
    code, output = _audit(str(hostile), *AS_OF, "--report", str(report))
    assert code == 1
    text = report.read_text(encoding="utf-8")
    assert "A-PART-EMPTY:testing" in output and "A-PART-EMPTY" in text
    # Rendered as GitHub does, raw HTML allowed: no element or link from the plan survives.
    options = Options.CMARK_OPT_UNSAFE
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=options)
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert html.count("<a href=") == html.count('<a href="https://')
    assert "\x1b" not in text and "\u202e" not in text
    assert "\x1b" not in output and "\u202e" not in output


def test_nothing_is_written_when_input_is_bad(tmp_path: Path) -> None:
    report = tmp_path / "audit.md"
    code, _output = _audit(str(tmp_path / "none.md"), "--report", str(report))
    assert code == 2 and not report.exists()


def test_a_report_never_replaces_a_plan_it_reads(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(HOSTILE, encoding="utf-8")
    for option in ("--report", "--junit"):
        code, output = _audit(str(tmp_path), option, str(plan))
        assert code == 2 and "is also a file the audit reads" in output
    assert plan.read_text(encoding="utf-8") == HOSTILE
