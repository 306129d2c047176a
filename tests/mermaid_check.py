"""Mermaid's own parser over the diagrams exitplan writes: the `mermaid` npm package, pinned
in tests/mermaid/package-lock.json, under Node. `make test` installs both. Node takes a
second to start, so `parse` reads a whole list of diagrams in one run."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent / "mermaid"
SCRIPT = HERE / "parse.mjs"
_OPENING = re.compile(r"^```mermaid[ \t]*$", re.M)
_BLOCK = re.compile(r"^```mermaid[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)


def blocks(name: str, markdown: str) -> list[tuple[str, str]]:
    """Every ```mermaid block of a Markdown text as (name, diagram), named `name#1`, ...;
    a block that is opened and never closed fails the test."""
    found = [match.group(1) for match in _BLOCK.finditer(markdown)]
    assert len(found) == len(_OPENING.findall(markdown)), f"{name}: a mermaid block is not closed"
    return [(f"{name}#{i}", text) for i, text in enumerate(found, 1)]


def parse(diagrams: Sequence[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """What Mermaid read of each diagram, by name: `error` (None when it parsed), `type`,
    `config` (from directives), for flowcharts `nodes`, `edges`, `subgraphs` and
    `classDefs`, for Gantt charts `title`, `sections`, `tasks` and `links`; each label as
    `text` and `elements`, what a browser makes of it."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is not installed, and the diagram tests need it to run Mermaid's parser. "
            "Run `make test`, which installs it (Debian's nodejs and npm) and the pinned "
            "mermaid package."
        )
    if not (HERE / "node_modules" / "mermaid").is_dir():
        pytest.fail(
            f"The pinned mermaid package is not installed in {HERE}. Run `make test`, or "
            f"`npm ci --prefix {HERE}`."
        )
    names = [name for name, _ in diagrams]
    assert len(set(names)) == len(names), "diagram names must be unique"
    request = json.dumps([{"name": name, "text": text} for name, text in diagrams])
    run = subprocess.run(
        [node, str(SCRIPT)], input=request, capture_output=True, text=True, check=False
    )
    try:
        results: list[dict[str, Any]] = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"{SCRIPT.name} failed (exit {run.returncode}):\n{run.stderr}")
    failed = [r["name"] for r in results if r["error"] is not None]
    # The script itself must fail when a diagram does not parse, naming it.
    assert run.returncode == (1 if failed else 0), run.stderr
    assert all(f"mermaid could not parse {name}:" in run.stderr for name in failed), run.stderr
    return {r["name"]: r for r in results}


def assert_parsed(result: dict[str, Any]) -> None:
    if result["error"] is not None:
        raise AssertionError(f"Mermaid could not parse {result['name']}:\n{result['error']}")


def labels(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Every label Mermaid read: of a flowchart its nodes', edges' and subgraphs' titles; of
    a Gantt chart its title, sections' and tasks'; of a pie chart its title and slices'."""
    if result["type"] == "gantt":
        return [result["title"], *result["sections"], *(t["label"] for t in result["tasks"])]
    if result["type"] == "pie":
        return [result["title"], *(s["label"] for s in result["slices"])]
    return (
        [n["label"] for n in result["nodes"]]
        + [e["label"] for e in result["edges"] if e["label"] is not None]
        + [s["title"] for s in result["subgraphs"]]
    )


def assert_inert(result: dict[str, Any]) -> None:
    """A parsed diagram with nothing but what we wrote: no directive or configuration, no
    click, link, tooltip, class or style, and every label plain text."""
    assert_parsed(result)
    name = result["name"]
    assert result["config"] == {}, (name, result["config"])
    if result["type"] == "gantt":
        assert result["links"] == [], (name, result["links"])
        assert all(task["classes"] == [] for task in result["tasks"]), name
    elif result["type"] == "pie":
        pass  # a pie chart has labels and values, nothing that acts
    else:
        assert result["classDefs"] == [], (name, result["classDefs"])
        for node in result["nodes"]:
            acting = {key: node[key] for key in ("link", "callback", "tooltip", "classes")}
            assert acting == {"link": None, "callback": False, "tooltip": None, "classes": []}, (
                name, node["id"], acting)  # fmt: skip
            assert node["styles"] == [], (name, node["id"])
    for label in labels(result):
        assert label["elements"] == 0, (name, label)
        assert label["type"] != "markdown", (name, label)
