"""Reading plan files: folders, plan.json, and bad input refused with the file named."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from exitplan.audit.collect import plan_files, read_plan, read_plans
from exitplan.audit.parts import parts_of
from exitplan.audit.vocabulary import shipped
from exitplan.cli.common import handled
from exitplan.errors import InputError
from tests.word_plan import WORD_PLAN

PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"

PLAN_JSON = {
    "schema_version": 1,
    "tool": "exitplan",
    "tool_version": "0.1.0",
    "organisation": "Gemeente Havenstad",
    "inventory_as_of": "2026-11-02",
    "meta": {
        "organisation": "Gemeente Havenstad",
        "plan_owner": "Coordinator cloud",
        "approved_by": "Gemeentesecretaris",
        "approved_on": "2026-03-02",
        "last_tested": None,
    },
    "resources": 42,
    "categories": [{"category": "object-storage"}],
    "scenario": None,
    "calendar": {"waves": []},
    "a_key_added_later": {"x": 1},
}


def _plan_json(folder: Path, data: object = PLAN_JSON) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plan.json"
    path.write_text(json.dumps(data, indent=2) + "\n")
    return path


def _refused(path: Path) -> InputError:
    with pytest.raises(InputError) as refused:
        read_plan(path)
    assert refused.value.exit_code == 2
    assert str(path) in refused.value.message
    return refused.value


def test_plan_json_is_read_through_its_keys_and_metadata(tmp_path: Path) -> None:
    path = _plan_json(tmp_path)
    plan = read_plan(path)
    assert plan.format == "exitplan-json"
    assert plan.front_matter == PLAN_JSON["meta"]
    keys = [(s.heading, s.position) for s in plan.sections]
    assert keys[:2] == [("organisation", 5), ("inventory_as_of", 6)]
    added = path.read_text().splitlines().index('  "a_key_added_later": {') + 1
    assert ("a_key_added_later", added) in keys  # a key it does not know is read as well
    assert {(f.kind, f.role, f.value) for f in plan.facts} == {
        ("name", "owner", "Coordinator cloud"),
        ("name", "approver", "Gemeentesecretaris"),
        ("date", "approval", "2026-03-02"),
        ("date", "estate", "2026-11-02"),
    }
    report = parts_of(plan, shipped())
    found = {f.part.id: f.empty for f in report.found}
    # scenario is null and the calendar holds no wave: there, but empty.
    assert found == {
        "scope": False,
        "alternatives": True,
        "transition-plan": True,
        "roles": False,
        "review": False,
    }
    calendar = [(s.heading, s.level, s.text) for s in plan.sections if "calendar" in s.heading]
    assert calendar == [("calendar", 1, ""), ("calendar.waves", 2, "")]


def test_an_exitplan_folder_is_read_through_its_plan_json(tmp_path: Path) -> None:
    out = tmp_path / "plans" / "2026-q4"
    _plan_json(out)
    (out / "exit-plan.md").write_text("# Exit plan\n")
    (out / "runbooks").mkdir()
    (out / "runbooks" / "object-storage.md").write_text("# Runbook\n")
    (out / "inventory.json").write_text("{}")
    (out / "extra-notes.md").write_text("# Notes\n")
    (tmp_path / "plans" / "bank.docx").write_bytes(WORD_PLAN.read_bytes())
    (tmp_path / "plans" / "~$bank.docx").write_bytes(b"lock")
    (tmp_path / "plans" / "README.txt").write_text("plans of 2026")
    found = plan_files([tmp_path / "plans"])
    assert found.files == (
        tmp_path / "plans" / "2026-q4" / "extra-notes.md",
        tmp_path / "plans" / "2026-q4" / "plan.json",
        tmp_path / "plans" / "bank.docx",
    )
    assert found.ignored == 5


def test_folders_expand_in_path_order_and_each_file_counts_once() -> None:
    found = plan_files([PLANS, PLANS / "unsigned.md"])
    assert [p.relative_to(PLANS).as_posix() for p in found.files] == [
        "complete-en.md",
        "dutch-headings.md",
        "missing-triggers.md",
        "other-order.md",
        "stale-approval.md",
        "unsigned.md",
        "word/exit-strategy-azure.docx",
    ]
    assert found.ignored == 0
    plans, ignored = read_plans([PLANS])
    assert [p.path for p in plans] == list(found.files) and ignored == 0


def test_a_folder_without_plans_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match=r"holds no plan, and 1 other file$"):
        plan_files([tmp_path])


@pytest.mark.parametrize("name", ["plan.pdf", "plan.doc", "plan.txt"])
def test_a_file_of_another_kind_is_refused(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"x")
    with pytest.raises(InputError, match="not a plan exitplan reads"):
        plan_files([tmp_path / name])


def test_a_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        plan_files([tmp_path / "nowhere.md"])


BAD_FRONT_MATTER = "---\nowner: Jan\napproved: [2024-01-01\n---\n# Plan\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BAD_FRONT_MATTER, r"plan.md:3: not valid YAML"),
        ("---\nowner: Jan\nowner: Piet\n---\n", r"plan.md:3: the key 'owner' appears twice"),
        ("---\n- owner\n---\n", r"plan.md:2: the front matter is a list"),
        ("---\nowner: Jan\n\n# Plan\n", r"plan.md:1: the front matter begun here has no closing"),
        ("---\napproved: 2024-02-30\n---\n", r"plan.md:2: approved: 2024-02-30 is not a date"),
    ],
)
def test_bad_front_matter_names_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "plan.md"
    path.write_text(text)
    error = _refused(path)
    assert error.message.startswith(str(path))
    assert re.search(message, error.message), error.message


def test_front_matter_may_be_empty_or_absent(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("---\n---\n# Exit triggers\n\nContract breach.\n")
    plan = read_plan(path)
    assert plan.front_matter == {} and plan.sections[0].position == 3


def _docx(mutate: dict[str, bytes | None]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(WORD_PLAN.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for info in source.infolist():
            data = mutate.get(info.filename, source.read(info))
            if data is not None:
                package.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a Word document"),
        (WORD_PLAN.read_bytes()[:4000], "not a Word document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "is password-protected"),
        (_docx({"word/document.xml": None}), "a damaged Word document"),
        (_docx({"word/document.xml": b"<w:document"}), "a damaged Word document: damaged XML"),
        (_docx({"word/styles.xml": b"<oops"}), "a damaged Word document: damaged XML"),
    ],
)
def test_a_corrupt_or_protected_word_file_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "exit strategy.docx"
    path.write_bytes(content)
    assert message in _refused(path).message


def test_a_word_file_that_unpacks_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    path.write_bytes(_docx({"word/media/padding.bin": bytes(300_000)}))
    with pytest.raises(InputError, match=r"unpacks to \d+ bytes, more than exitplan reads"):
        read_plan(path, limit=200_000)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{", "not valid JSON"),
        (b'{"schema_version": 1, "schema_version": 1}', "duplicate key"),
        (b"[]", "not an exitplan plan.json"),
        (b'{"tool": "exitplan"}', "not an exitplan plan.json"),
        (b'{"schema_version": 1, "meta": [1]}', "meta: not an object"),
    ],
)
def test_a_bad_plan_json_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    assert message in _refused(path).message


def test_a_plan_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("# Exit triggers\n" + "x" * 2000)
    with pytest.raises(InputError, match="is larger than"):
        read_plan(path, limit=1000)


def test_text_that_is_not_utf8_is_refused_with_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes("# Exit triggers\n\nBe\u00ebindiging\n".encode("latin-1"))
    _refused(path)


def test_bad_input_exits_2_with_the_file_named_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(BAD_FRONT_MATTER)
    app = typer.Typer()

    @app.command()
    @handled
    def read(ctx: typer.Context, paths: list[Path]) -> None:
        read_plans(paths)

    result = CliRunner().invoke(app, [str(path)])
    assert result.exit_code == 2
    assert f"error: {path}:3: not valid YAML" in result.output
    assert "Traceback" not in result.output


def test_an_error_of_our_own_while_reading_word_is_not_blamed_on_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """python-docx's errors on a damaged file are refused as bad input; the same error
    raised by exitplan's code is a bug and goes up as one (exit 3), not as exit 2."""

    def broken(table: object) -> tuple[tuple[str, ...], ...]:
        raise KeyError("ours")

    monkeypatch.setattr("exitplan.audit.docxreader._rows", broken)
    with pytest.raises(KeyError, match="ours"):
        read_plan(WORD_PLAN)
