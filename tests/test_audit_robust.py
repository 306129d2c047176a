"""No plan file makes the readers crash: each file of the corpus, changed in many seeded
ways, reads to a document or is refused as bad input (exit 2), never anything else."""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import pytest

from exitplan.audit.collect import read_plan
from exitplan.audit.document import PlanDocument
from exitplan.errors import InputError
from tests.word_plan import WORD_PLAN

PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"
CASES = 40
# What changes how a plan reads: front matter fences, headings, tables, comments, code,
# links, labels, dates, and bytes that are no text.
_PIECES = [
    "---\n", "\n---\n", "#", "\n## ", "\n===\n", "|", "\n|---|\n", "<!--", "-->", "```",
    "[a](", "<https://", ": [", "Owner:", "Approved by", "31-02-2024", "2024-13-45",
    "\x00", "\ufeff", "\t", "\r", "\\", "*", "~$", "\ud800", "é", "\u202e",
]  # fmt: skip


def _mutated(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text) + 1)
        cut = rng.random() < 0.2  # a file cut short
        text = text[:at] + ("" if cut else rng.choice(_PIECES) + text[at:])
    return text


def _reads_or_refuses(path: Path) -> None:
    try:
        document = read_plan(path)
    except InputError as exc:
        assert exc.exit_code == 2 and str(path) in exc.message, exc.message
    else:
        assert isinstance(document, PlanDocument)


@pytest.mark.parametrize("name", sorted(p.name for p in PLANS.glob("*.md")))
def test_changed_markdown_reads_or_is_refused(tmp_path: Path, name: str) -> None:
    text = (PLANS / name).read_text()
    rng = random.Random(name)
    for case in range(CASES):
        path = tmp_path / f"{case}.md"
        path.write_bytes(_mutated(text, rng).encode("utf-8", "surrogatepass"))
        _reads_or_refuses(path)


@pytest.mark.parametrize(
    "part", ["word/document.xml", "word/styles.xml", "docProps/core.xml", "[Content_Types].xml"]
)
def test_changed_word_documents_read_or_are_refused(tmp_path: Path, part: str) -> None:
    source = zipfile.ZipFile(io.BytesIO(WORD_PLAN.read_bytes()))
    original = source.read(part).decode("utf-8")
    rng = random.Random(part)
    for case in range(CASES // 2):
        changed = _mutated(original, rng).encode("utf-8", "surrogatepass")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as package:
            for info in source.infolist():
                package.writestr(
                    info.filename, changed if info.filename == part else source.read(info)
                )
        path = tmp_path / f"{case}.docx"
        path.write_bytes(out.getvalue())
        _reads_or_refuses(path)


_VALUES: list[object] = [None, 0, -1, 1.5, "", "x", [], {}, [None], {"a": None}, "2024-02-30", True]


def test_changed_plan_json_reads_or_is_refused(tmp_path: Path) -> None:
    rng = random.Random("plan.json")
    base = {
        "schema_version": 1,
        "inventory_as_of": "2026-11-02",
        "meta": {"plan_owner": "X", "approved_on": "2026-01-01", "last_tested": "2026-02-01"},
        "scenario": {"id": "s"},
        "calendar": {"waves": []},
    }
    for case in range(CASES):
        data = json.loads(json.dumps(base))
        for _ in range(rng.randint(1, 3)):
            target = data if rng.random() < 0.5 else data["meta"]
            if isinstance(target, dict):
                target[rng.choice([*target, "approved_by", "inventory_as_of"])] = rng.choice(
                    _VALUES
                )
            else:
                data["meta"] = rng.choice(_VALUES)
        path = tmp_path / f"{case}" / "plan.json"
        path.parent.mkdir()
        path.write_text(json.dumps(data))
        _reads_or_refuses(path)
