"""Recognising the parts of an exit plan by their headings, and an organisation's own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from exitplan.audit.collect import read_plan
from exitplan.audit.mdreader import parse_markdown
from exitplan.audit.parts import parts_of, policy_headings, recognise, with_headings
from exitplan.audit.vocabulary import VOCABULARY_PATH, normalise, shipped, vocabulary_from
from exitplan.cli import app
from exitplan.errors import CatalogueError, InputError


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("Exit triggers", "exit-triggers"),
        ("3. Exit triggers", "exit-triggers"),
        ("3.1 Triggers", "exit-triggers"),
        ("EXIT-TRIGGERS:", "exit-triggers"),
        ("Aanleidingen voor exit", "exit-triggers"),
        ("Exitcriteria", "exit-triggers"),
        ("B) Exit triggers and thresholds", "exit-triggers"),
        ("Testing the plan", "testing"),
        ("7 Testen van het exitplan", "testing"),
        ("IV. Bedrijfscontinuïteit", "continuity"),
        ("Hoofdstuk 6 Rollen en verantwoordelijkheden", "roles"),
        ("Data retrieval and erasure (Data Act Art. 25)", "data"),
        ("Review and approval", "review"),
        ("Kosten", "costs"),
        # One word names a part only on its own: "Testing environment" is no test of the plan.
        ("Testing environment", None),
        ("Triggers and alarms in monitoring", None),
        ("Exit plan: payments hub", None),
        ("A plan for the triggers", None),
        ("", None),
    ],
)
def test_headings_are_recognised_whatever_their_case_accents_and_numbering(
    heading: str, part: str | None
) -> None:
    found = recognise(heading, shipped())
    assert (found.id if found else None) == part


def test_the_longest_heading_wins() -> None:
    # It begins with "Data migration" (data), and holds "Migration plan" (transition).
    found = recognise("Data migration plan", shipped())
    assert found is not None and found.id == "data"


def test_normalise_keeps_words_and_drops_the_rest() -> None:
    assert normalise("  3.2) Sc\u00e9nario\u2019s   & co ") == "scenario s co"
    assert normalise("Chapter 2: Roles") == "roles"


def _parts(text: str, policy: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    vocabulary = shipped()
    if policy:
        vocabulary = with_headings(vocabulary, policy_headings(policy, "audit.yaml", vocabulary))
    report = parts_of(parse_markdown(Path("plan.md"), text, vocabulary), vocabulary)
    return {
        "found": [f.part.id for f in report.found],
        "empty": [p.id for p in report.empty],
        "unrecognised": [s.heading for s in report.unrecognised],
    }


def test_a_part_described_in_its_subsections_is_not_empty() -> None:
    text = "# Exit triggers\n\n## Provider insolvency\n\nWe leave within 30 days.\n"
    assert _parts(text)["empty"] == []
    assert _parts(text)["unrecognised"] == ["Provider insolvency"]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "TBD",
        "*To be completed*",
        "n.v.t.",
        "<!-- Describe\nthe triggers here -->",
        "- TBD\n- [nog in te vullen]",
        "| Trigger | Action |\n|---|---|\n",
    ],
)
def test_a_part_of_placeholders_or_a_bare_table_heading_is_empty(body: str) -> None:
    text = f"# Exit triggers\n\n{body}\n\n# Roles\n\nOwner: J. Jansen\n"
    assert _parts(text)["empty"] == ["exit-triggers"]


def test_a_table_with_rows_is_content() -> None:
    text = "# Exit triggers\n\n| Trigger | Action |\n|---|---|\n| Breach | Notice |\n"
    assert _parts(text)["empty"] == []


def test_a_part_is_empty_only_when_all_its_sections_are() -> None:
    text = "# Exit triggers\n\nTBD\n\n# Appendix\n\n## Triggers\n\nBreach of contract.\n"
    assert _parts(text)["empty"] == []


def test_a_policy_adds_the_organisations_own_headings() -> None:
    text = "# Stopcriteria\n\nWe leave when the contract is breached.\n"
    assert _parts(text)["found"] == []
    policy = {"exit-triggers": ["Stopcriteria"], "testing": ["Jaarlijkse exitoefening"]}
    assert _parts(text, policy)["found"] == ["exit-triggers"]
    assert shipped().part("exit-triggers") == shipped().part("exit-triggers")  # unchanged


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (["Stopcriteria"], "audit.yaml: headings: not a mapping of part ids to headings"),
        ({"exit-trigger": ["Stopcriteria"]}, "audit.yaml: headings.exit-trigger: no such part"),
        ({"testing": "Oefening"}, "audit.yaml: headings.testing: not a list of headings"),
        ({"testing": [""]}, "audit.yaml: headings.testing: not a list of headings"),
        ({"testing": [3]}, "audit.yaml: headings.testing: not a list of headings"),
    ],
)
def test_a_bad_policy_heading_names_the_file_and_key(data: object, message: str) -> None:
    with pytest.raises(InputError) as refused:
        policy_headings(data, "audit.yaml", shipped())
    assert refused.value.message == message and refused.value.exit_code == 2


def test_every_part_has_english_and_dutch_headings_and_none_is_shared() -> None:
    vocabulary = shipped()
    assert [p.id for p in vocabulary.parts] == [
        "scope", "exit-triggers", "alternatives", "transition-plan", "data", "roles",
        "testing", "review", "costs", "continuity",
    ]  # fmt: skip
    seen: dict[str, str] = {}
    for part in vocabulary.parts:
        for heading in part.headings:
            assert seen.setdefault(heading, part.id) == part.id, heading
    # Every shipped heading is recognised as its own part.
    for part in vocabulary.parts:
        for heading in part.headings:
            found = recognise(heading, vocabulary)
            assert found is not None and found.id == part.id, heading


def test_the_vocabulary_file_is_validated(tmp_path: Path) -> None:
    data = yaml.safe_load(VOCABULARY_PATH.read_text())
    data["parts"].append(dict(data["parts"][0]))
    with pytest.raises(CatalogueError, match="parts: the id scope appears twice"):
        vocabulary_from(data, tmp_path / "parts.yaml")
    del data["parts"][0]["headings"]["nl"]
    with pytest.raises(CatalogueError, match=r"parts\[scope\]\.headings\.nl: Field required"):
        vocabulary_from(data, tmp_path / "parts.yaml")


@pytest.mark.slow
def test_the_demo_plan_is_read_through_its_plan_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "demo"), "--quiet"])
    assert result.exit_code == 0, result.output
    plan = read_plan(tmp_path / "demo" / "plan.json")
    report = parts_of(plan, shipped())
    # Every part: the exit triggers and the owner are in the metadata plan.json holds.
    assert [f.part.id for f in report.found] == [p.id for p in shipped().parts]
    assert not report.missing and not report.empty
    assert {
        ("name", "owner", "Coordinator cloud, afdeling Informatievoorziening"),
        ("name", "approver", "College van burgemeester en wethouders"),
        ("date", "approval", "2026-11-24"),
        ("date", "test", "2026-05-20"),
        ("date", "test", "2026-11-17"),
        ("date", "estate", "2026-11-02"),
    } <= {(f.kind, f.role, f.value) for f in plan.facts}
