"""Every Mermaid diagram exitplan writes parses with Mermaid's own parser, and untrusted text
in it stays text: no statement, click, link, directive or HTML comes out of a label."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.contracts import Contract
from exitplan.diagrams import MAP_CATEGORIES, WAVE_NODES
from exitplan.mermaid import Flowchart, Gantt, Pie, bare_label, fenced, label
from exitplan.planning import workload_of
from exitplan.sample import sample_inventory, sample_path
from exitplan.untrusted import visible
from tests import mermaid_check
from tests.hostile import CONTROLS, DIAGRAM, LINKS, hostile_inventory

HOSTILE = DIAGRAM + LINKS + CONTROLS
BROKEN = "flowchart LR\n    n1 -->\n"


def _shown(text: str) -> str:
    """What a reader should see of untrusted `text` in a label."""
    return visible(" ".join(text.split())) or " "


def _hostile_chart() -> str:
    """Each payload as a subgraph title, a node in it, and the label of an edge to it."""
    chart = Flowchart("TB")
    previous = None
    for payload in HOSTILE:
        node = chart.node(payload, within=chart.subgraph(payload))
        if previous is not None:
            chart.edge(previous, node, payload)
        previous = node
    return chart.source()


def _hostile_gantt() -> str:
    """Each payload as a section and a task in it, each task after the one before."""
    chart = Gantt(dt.date(2027, 1, 4), title=HOSTILE[0])
    previous = None
    for days, payload in enumerate(HOSTILE, 1):
        chart.section(payload)
        previous = chart.task(payload, days, after=previous)
    return chart.source()


def _hostile_pie() -> str:
    """Each payload as a slice, of as many resources as its place in the list."""
    chart = Pie(title=HOSTILE[0])
    for value, payload in enumerate(HOSTILE, 1):
        chart.slice(payload, value)
    return chart.source()


def _plan(runner: CliRunner, out: Path, *args: str) -> str:
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return (out / "exit-plan.md").read_text()


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every diagram of the tests below, read by Mermaid in one run of Node."""
    tmp = tmp_path_factory.mktemp("mermaid")
    runner = CliRunner()
    inventory = tmp / "hostile.json"
    inventory.write_text(json.dumps(hostile_inventory(json.loads(sample_path().read_text()))))
    # Contract references are the organisation's text: hostile too, in the Gantt chart.
    meta = tmp / "meta.yaml"
    contracts = [{"provider": "aws", "reference": p} for p in DIAGRAM] + [DIAGRAM[0]]
    meta.write_text(json.dumps({"contracts": contracts}))
    hostile_plan = _plan(runner, tmp / "h", "plan", str(inventory), "--meta", str(meta))
    diagrams = [
        *mermaid_check.blocks("demo", _plan(runner, tmp / "demo", "demo")),
        *mermaid_check.blocks("dutch", _plan(runner, tmp / "dutch", "--lang", "nl", "demo")),
        *mermaid_check.blocks("hostile-plan", hostile_plan),
        *mermaid_check.blocks("hostile-chart", fenced(_hostile_chart())),
        ("hostile-gantt", _hostile_gantt()),
        ("hostile-pie", _hostile_pie()),
        ("broken", BROKEN),
    ]
    return mermaid_check.parse(diagrams)


def test_the_sample_plan_draws_its_waves(parsed: dict[str, dict[str, Any]]) -> None:
    demo = [result for name, result in parsed.items() if name.startswith("demo#")]
    assert [d["type"] for d in demo] == [
        "pie",
        "quadrantChart",
        "flowchart-v2",
        "flowchart-v2",
        "gantt",
    ]
    waves = demo[3]
    mermaid_check.assert_inert(waves)
    assert waves["type"] == "flowchart-v2"
    titles = [s["title"]["text"] for s in waves["subgraphs"]]
    # The durations follow the catalogue and the effort profile; the shape does not.
    shapes = [re.sub(r"about [0-9.]+ weeks", "about N weeks", t) for t in titles]
    assert shapes == [
        "Wave 0: Foundations, about N weeks",
        "Wave 1: Pilot, about N weeks",
        "Wave 2: Core, about N weeks",
        "Wave 3: Critical functions, about N weeks",
    ]
    assert [(e["start"], e["end"]) for e in waves["edges"]] == [
        ("s1", "s2"),
        ("s2", "s3"),
        ("s3", "s4"),
    ]
    # Each workload is one node, numbered in wave order, in the subgraph of its wave; the
    # foundations move no workload.
    assert waves["subgraphs"][0]["nodes"] == []
    groups = [s["nodes"] for s in waves["subgraphs"][1:]]
    assert all(groups)
    flat = [node for group in groups for node in group]
    assert flat == [f"n{i}" for i in range(1, len(flat) + 1)]
    assert len(flat) == len({workload_of(r) for r in sample_inventory().resources})


def test_the_dutch_plan_draws_the_same_diagrams(parsed: dict[str, dict[str, Any]]) -> None:
    """Translated labels (apostrophes, commas, decimal commas) are escaped as any text is."""

    def kinds(prefix: str) -> list[str]:
        return [result["type"] for name, result in parsed.items() if name.startswith(prefix)]

    assert kinds("dutch#") == kinds("demo#") and len(kinds("demo#")) >= 3


def test_hostile_labels_parse_and_show_as_text(parsed: dict[str, dict[str, Any]]) -> None:
    chart = parsed["hostile-chart#1"]
    mermaid_check.assert_inert(chart)
    count = len(HOSTILE)
    expected = [_shown(payload) for payload in HOSTILE]
    # Exactly our nodes, subgraphs and edges: no label added or ended a statement.
    nodes = {n["id"]: n["label"]["text"] for n in chart["nodes"]}
    assert nodes == {f"n{i}": text for i, text in enumerate(expected, 1)}
    assert [s["title"]["text"] for s in chart["subgraphs"]] == expected
    assert [s["nodes"] for s in chart["subgraphs"]] == [[f"n{i}"] for i in range(1, count + 1)]
    edges = [(e["start"], e["end"], e["label"]["text"]) for e in chart["edges"]]
    assert edges == [(f"n{i}", f"n{i + 1}", expected[i]) for i in range(1, count)]


def test_hostile_gantt_labels_parse_and_show_as_text(parsed: dict[str, dict[str, Any]]) -> None:
    gantt = parsed["hostile-gantt"]
    mermaid_check.assert_inert(gantt)
    expected = [_shown(payload) for payload in HOSTILE]
    assert gantt["title"]["text"] == expected[0]
    assert [s["text"] for s in gantt["sections"]] == expected
    tasks = gantt["tasks"]
    assert [(t["id"], t["label"]["text"], t["section"]["text"]) for t in tasks] == [
        (f"t{i}", text, text) for i, text in enumerate(expected, 1)
    ]
    # Each task starts when the one before ends and lasts its number of days.
    start = dt.date(2027, 1, 4)
    for days, task in enumerate(tasks, 1):
        end = start + dt.timedelta(days=days)
        assert (task["start"], task["end"]) == (start.isoformat(), end.isoformat())
        start = end


def test_the_calendar_is_a_gantt_chart_of_dated_waves(parsed: dict[str, dict[str, Any]]) -> None:
    gantt = parsed["demo#5"]
    mermaid_check.assert_inert(gantt)
    assert [s["text"] for s in gantt["sections"]] == ["Foundations", "Waves", "Contract periods"]
    tasks = gantt["tasks"]
    names = [t["label"]["text"] for t in tasks]
    assert names[:4] == [
        "Wave 0: Foundations",
        "Wave 1: Pilot",
        "Wave 2: Core",
        "Wave 3: Critical functions",
    ]
    # The sample is read on Monday 2 November 2026: the foundations start that day, and
    # each wave on the Monday to Friday after the one before ends.
    assert tasks[0]["start"] == "2026-11-02"
    for before, after in pairwise(tasks[:4]):
        gap = dt.date.fromisoformat(after["start"]) - dt.date.fromisoformat(before["end"])
        assert dt.timedelta(0) <= gap <= dt.timedelta(days=2), (before, after)
    assert [t["section"]["text"] for t in tasks[4:]] == ["Contract periods"] * len(tasks[4:])


def test_hostile_contract_references_in_the_calendar(parsed: dict[str, dict[str, Any]]) -> None:
    plan = [result for name, result in parsed.items() if name.startswith("hostile-plan#")]
    (gantt,) = (result for result in plan if result.get("type") == "gantt")
    mermaid_check.assert_inert(gantt)
    names = [t["label"]["text"] for t in gantt["tasks"]]
    for payload in DIAGRAM:
        contract = Contract(provider="aws", reference=payload)
        assert _shown(f"{contract}, notice") in names, payload
    assert _shown(f"{Contract(reference=DIAGRAM[0])}, retrieval") in names


def test_hostile_workload_names_in_the_plan_diagram(parsed: dict[str, dict[str, Any]]) -> None:
    plan = [result for name, result in parsed.items() if name.startswith("hostile-plan#")]
    (waves,) = (
        result
        for result in plan
        if result.get("type") == "flowchart-v2"
        and result["subgraphs"][0]["title"]["text"].startswith("Wave ")
    )
    mermaid_check.assert_inert(waves)
    shown = {label["text"] for label in mermaid_check.labels(waves)}
    assert _shown(LINKS[0]) in shown or any(text.startswith("and ") for text in shown)
    # Each wave lists at most WAVE_NODES workloads and counts the rest.
    for subgraph in waves["subgraphs"]:
        assert len(subgraph["nodes"]) <= WAVE_NODES + 1
    more = [text for text in shown if re.fullmatch(r"and \d+ more", text)]
    assert more, shown


def test_hostile_pie_labels_parse_and_show_as_text(parsed: dict[str, dict[str, Any]]) -> None:
    pie = parsed["hostile-pie"]
    mermaid_check.assert_parsed(pie)
    assert pie["showData"] is True
    assert pie["title"]["text"]  # ours, in plain characters: see Quadrant
    assert all(s["label"]["elements"] == 0 for s in pie["slices"])
    slices = [(s["label"]["text"], s["value"]) for s in pie["slices"]]
    # Mermaid would drop a slice whose label it has seen: payloads that show alike are
    # numbered instead.
    expected, seen = [], Counter[str]()
    for value, payload in enumerate(HOSTILE, 1):
        seen[label(payload)] += 1
        times = seen[label(payload)]
        shown = _shown(payload) if times == 1 else _shown(f"{payload} ({times})")
        expected.append((shown, value))
    assert slices == expected


def test_the_pie_shows_the_estate_by_category(parsed: dict[str, dict[str, Any]]) -> None:
    pie = parsed["demo#1"]
    mermaid_check.assert_parsed(pie)
    values = [s["value"] for s in pie["slices"]]
    assert sum(values) == len(sample_inventory().resources)
    assert len(values) <= 11
    assert pie["slices"][-1]["label"]["text"].endswith("other categories")


def test_the_mapping_goes_from_todays_providers_to_the_target(
    parsed: dict[str, dict[str, Any]],
) -> None:
    chart = parsed["demo#3"]
    mermaid_check.assert_inert(chart)
    titles = [s["title"]["text"] for s in chart["subgraphs"]]
    assert titles == [
        "aws today",
        "azure today",
        "gcp today",
        "target: Open Telekom Cloud (T-Systems)",
    ]
    sources = [n for s in chart["subgraphs"][:3] for n in s["nodes"]]
    targets = chart["subgraphs"][3]["nodes"]
    assert len(targets) <= MAP_CATEGORIES
    # Every source node has exactly one arrow, to a target or to one of the two nodes
    # outside every provider: the rest of the categories, and no target at all.
    starts = [e["start"] for e in chart["edges"]]
    assert sorted(starts) == sorted(sources)
    labels = {n["id"]: n["label"]["text"] for n in chart["nodes"]}
    loose = {e["end"] for e in chart["edges"]} - set(targets)
    assert {labels[n] for n in loose} == {
        "their alternatives, in section 6",
        "no target yet: decide in section 7",
    }
    unmapped = [e["start"] for e in chart["edges"] if labels[e["end"]].startswith("no target")]
    assert [labels[n] for n in unmapped] == ["no known alternative (1)"] * 2
    assert any(text.endswith("run by you (self-hosted)") for text in labels.values())


def test_every_diagram_of_a_hostile_plan_is_inert(parsed: dict[str, dict[str, Any]]) -> None:
    plan = [result for name, result in parsed.items() if name.startswith("hostile-plan#")]
    drawn = [result for result in plan if result["type"] in ("pie", "flowchart-v2", "gantt")]
    assert [r["type"] for r in drawn] == ["pie", "flowchart-v2", "flowchart-v2", "gantt"]
    for result in drawn:
        mermaid_check.assert_inert(result)


def test_a_diagram_that_does_not_parse_is_reported(parsed: dict[str, dict[str, Any]]) -> None:
    broken = parsed["broken"]
    assert "Parse error on line" in broken["error"]
    with pytest.raises(AssertionError, match="Mermaid could not parse broken"):
        mermaid_check.assert_parsed(broken)


def test_without_node_the_check_fails_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(pytest.fail.Exception, match=r"Node\.js is not installed"):
        mermaid_check.parse([("any", BROKEN)])


def test_an_unclosed_block_is_found() -> None:
    with pytest.raises(AssertionError, match="not closed"):
        mermaid_check.blocks("plan", "text\n```mermaid\nflowchart LR\n")


def test_labels_keep_only_plain_characters() -> None:
    plain = re.compile(r'"(?:[A-Za-z0-9 \-_.,/()]|#\d+;|[^\x00-\x7f\ufb02\xb0\xb6\xdf])+"')
    for payload in HOSTILE:
        assert plain.fullmatch(label(payload)), payload
    assert label("Wave 1: Pilot") == '"Wave 1#58; Pilot"'
    assert label("") == '"#32;"'
    for payload in HOSTILE:
        assert plain.fullmatch(f'"{bare_label(payload)}"'), payload
        assert bare_label(payload).startswith("#"), payload
    assert bare_label("click t1") == "#99;lick t1"


def test_the_writer_refuses_unknown_ids() -> None:
    chart = Flowchart()
    node = chart.node("a")
    with pytest.raises(ValueError, match="unknown node"):
        chart.edge(node, "evil")
    with pytest.raises(ValueError, match="unknown subgraph"):
        chart.node("b", within="s9")
    with pytest.raises(ValueError, match="direction"):
        Flowchart("LR; click")
    gantt = Gantt(dt.date(2027, 1, 4))
    with pytest.raises(ValueError, match="unknown task"):
        gantt.task("a", 1, after="t1")
    with pytest.raises(ValueError, match="at least a day"):
        gantt.task("a", 0)
    with pytest.raises(ValueError, match="more than 0"):
        Pie().slice("a", 0)


def test_the_scenario_chart_parses(parsed: dict[str, dict[str, Any]]) -> None:
    """Scenario names are not in the chart (its points are S1, S2, ...; the legend beside
    it names them), so only our own titles and numbers reach Mermaid."""
    chart = parsed["demo#2"]
    mermaid_check.assert_parsed(chart)
    assert chart["type"] == "quadrantChart"
    assert chart["config"] == {}
