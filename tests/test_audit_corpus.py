"""The hand-written plans of tests/fixtures/plans, read as auditors meet them: each to
its sections, its parts and the facts the checks will look for."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from exitplan.audit.collect import read_plan
from exitplan.audit.document import PlanDocument
from exitplan.audit.parts import parts_of
from exitplan.audit.vocabulary import shipped
from tests.word_plan import WORD_PLAN, word_plan

PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"
ALL_PARTS = [p.id for p in shipped().parts]


def _headings(document: PlanDocument) -> list[tuple[int, str]]:
    return [(s.level, s.heading) for s in document.sections]


def _facts(document: PlanDocument) -> set[tuple[str, str | None, str]]:
    return {(f.kind, f.role, f.value) for f in document.facts if f.kind != "link"}


def _parts(document: PlanDocument) -> tuple[list[str], list[str], list[str]]:
    report = parts_of(document, shipped())
    return (
        [f.part.id for f in report.found],
        [p.id for p in report.missing],
        [p.id for p in report.empty],
    )


def test_a_complete_plan_has_every_part_and_names_its_people() -> None:
    plan = read_plan(PLANS / "complete-en.md")
    assert plan.format == "markdown"
    assert _headings(plan) == [
        (1, "Exit strategy: core banking platform (AWS)"),
        (2, "1. Scope and critical functions"),
        (2, "2. Exit triggers"),
        (2, "3. Alternatives"),
        (2, "4. Transition plan"),
        (2, "5. Data retrieval and erasure"),
        (2, "6. Roles and responsibilities"),
        (2, "7. Testing the plan"),
        (2, "8. Costs and resources"),
        (2, "9. Business continuity"),
        (2, "10. Review and approval"),
    ]
    assert _parts(plan) == (ALL_PARTS, [], [])
    assert plan.front_matter is not None
    assert plan.front_matter["covers"] == {"providers": ["aws"], "accounts": ["318265497702"]}
    assert plan.front_matter["approved"] == dt.date(2026, 5, 18)
    assert {
        ("name", "owner", "Maarten Visser"),
        ("name", "approver", "Ingrid Bos"),
        ("name", "approver", "Executive Board (CRO, Ingrid Bos)"),
        ("date", "approval", "2026-05-18"),
        ("date", "test", "2026-09-22"),
        ("date", "next-review", "2027-05-18"),
    } <= _facts(plan)
    (link,) = plan.facts_of("link")
    assert (link.value, link.position, link.section) == (
        "https://contracts.noordkustbank.example/aws-2024-017",
        63,
        "5. Data retrieval and erasure",
    )


def test_a_section_holds_its_text_and_tables() -> None:
    plan = read_plan(PLANS / "complete-en.md")
    title, scope, triggers, alternatives = plan.sections[:4]
    assert (title.position, title.text) == (14, "")
    (control,) = title.tables
    assert control.position == 16
    assert control.rows[0] == ("Item", "Value")
    assert control.rows[3] == ("Approved by", "Ingrid Bos, Chief Risk Officer")
    assert scope.text.startswith("This strategy covers the core banking platform")
    # A line of the text is a line of the file: soft line breaks stay.
    assert triggers.text.splitlines()[1] == (
        "the provider materially breaches the contract or the service levels for three"
    )
    assert alternatives.text == "" and len(alternatives.tables[0].rows) == 5


def test_a_plan_without_triggers_misses_them() -> None:
    plan = read_plan(PLANS / "missing-triggers.md")
    assert _parts(plan) == ([p for p in ALL_PARTS if p != "exit-triggers"], ["exit-triggers"], [])
    assert ("name", "approver", "drs. R. Mulder") in _facts(plan)


def test_a_stale_approval_is_read_as_its_date() -> None:
    plan = read_plan(PLANS / "stale-approval.md")
    assert _parts(plan) == (ALL_PARTS, [], [])
    approvals = {f.value for f in plan.facts_of("date", "approval")}
    tests = {f.value for f in plan.facts_of("date", "test")}
    assert (approvals, tests) == ({"2024-04-10"}, {"2024-03-28"})
    # "The review due in April 2025 has not taken place": a date, but no approval.
    assert ("date", None, "2025-04") in _facts(plan)


def test_an_unsigned_plan_names_nobody_and_its_testing_is_empty() -> None:
    plan = read_plan(PLANS / "unsigned.md")
    assert plan.front_matter is None
    assert plan.facts_of("name") == () and plan.facts_of("date") == ()
    assert _parts(plan) == (ALL_PARTS, [], ["testing"])


def test_dutch_headings_are_the_same_parts() -> None:
    plan = read_plan(PLANS / "dutch-headings.md")
    assert _parts(plan) == (ALL_PARTS, [], [])
    assert {
        ("name", "owner", "Coördinator cloud, afdeling Informatievoorziening"),
        ("name", "approver", "College van B&W"),
        ("date", "approval", "2026-02-11"),
        ("date", "test", "2026-10-07"),
    } <= _facts(plan)


def test_another_order_setext_headings_and_lettered_numbering() -> None:
    plan = read_plan(PLANS / "other-order.md")
    assert _headings(plan)[:3] == [
        (1, "Exit plan: payments hub on Azure"),
        (2, "Review and approval"),
        (2, "Roles"),
    ]
    assert [s.position for s in plan.sections[:3]] == [1, 8, 13]
    found, missing, empty = _parts(plan)
    assert (sorted(found), missing, empty) == (sorted(ALL_PARTS), [], [])
    assert {
        ("name", "owner", "Sanne de Graaf"),
        ("name", "approver", "Ingrid Bos"),
        ("date", "approval", "2026-06-03"),
        ("date", "test", "2026-08-14"),
    } <= _facts(plan)


def test_a_word_plan_reads_to_its_sections_tables_and_properties() -> None:
    plan = read_plan(WORD_PLAN)
    assert plan.format == "docx" and plan.front_matter is None
    preamble, *headed = plan.sections
    # The title is in a content control, as on a cover page.
    assert (preamble.level, preamble.heading, preamble.text) == (
        0,
        "",
        "Exit strategy: customer contact centre (Azure)",
    )
    assert preamble.tables[0].rows[1] == ("Owner", "Maarten Visser, Head of IT Infrastructure")
    assert [(s.level, s.heading, s.position) for s in headed[:4]] == [
        (1, "Exit strategy", 3),
        (2, "1. Scope and critical functions", 4),
        (2, "2. Exit triggers", 6),  # "Kop 2"
        (2, "3. Alternatives", 10),
    ]
    assert headed[4].heading == "4. Transition plan"  # a style based on "Heading 2"
    assert (headed[8].level, headed[8].heading) == (2, "8. Business continuity")  # outline
    assert _parts(plan)[1:] == (["costs"], [])
    assert {
        ("name", "author", "Maarten Visser"),
        ("date", "created", "2026-04-01"),
        ("date", "modified", "2026-05-18"),
        ("name", "owner", "Maarten Visser"),
        ("name", "approver", "Ingrid Bos"),
        ("date", "approval", "2026-05-18"),
        ("date", "test", "2026-03-12"),
    } <= _facts(plan)


def test_the_committed_word_plan_is_what_its_script_makes(tmp_path: Path) -> None:
    made = tmp_path / WORD_PLAN.name
    buffer = io.BytesIO()
    word_plan().save(buffer)
    made.write_bytes(buffer.getvalue())
    fresh, committed = read_plan(made), read_plan(WORD_PLAN)
    assert (fresh.sections, fresh.facts) == (committed.sections, committed.facts)


@pytest.mark.parametrize("name", sorted(p.name for p in PLANS.glob("*.md")))
def test_every_plan_reads_the_same_twice(name: str) -> None:
    assert read_plan(PLANS / name) == read_plan(PLANS / name)
