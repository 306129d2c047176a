"""Control, bidi and invisible characters from a cloud account or an input file reach no
output raw: not the plan, the runbooks, the CSV, the summaries or the error messages."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.untrusted import json_text, visible, visible_lines
from tests.conftest import write_json
from tests.hostile import hostile_inventory

# Printable by their category, invisible all the same; the payloads use these.
_INVISIBLE = {"\ufe0f", "\U000e0100", "\u3164", "\u115f"}


def _hidden(text: str, allowed: str = "") -> list[str]:
    return sorted(
        {
            f"U+{ord(ch):04X}"
            for ch in text
            if ch not in allowed
            and (unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") or ch in _INVISIBLE)
        }
    )


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("red\x1b[31mX", "red\\x1b[31mX"),
        ("a\tb\nc\rd", "a\\tb\\nc\\rd"),
        ("nul\x00 del\x7f c1\x9b", "nul\\x00 del\\x7f c1\\x9b"),
        ("invoice\u202egnp.exe", "invoice\\u202egnp.exe"),
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("zw\u200bj\u200dbom\ufeff", "zw\\u200bj\\u200dbom\\ufeff"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("vs\ufe0f\U000e0100", "vs\\ufe0f\\U000e0100"),
        ("fill\u3164", "fill\\u3164"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("lone\ud800", "lone\\ud800"),
    ],
)
def test_visible_escapes_what_acts_or_hides(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert not _hidden(shown)


@pytest.mark.parametrize("text", ["plain ascii", "Gemeente Den Haag é ü ß", "名前", "a\u00a0b", ""])
def test_visible_leaves_readable_text_alone(text: str) -> None:
    assert visible(text) == text


def test_our_line_breaks_stay_and_json_is_ascii() -> None:
    assert visible_lines("first\n  second \x1b[2J") == "first\n  second \\x1b[2J"
    text = json_text({"name": "a\x1b\u202e\x7fb"})
    assert not _hidden(text, "\n") and json.loads(text) == {"name": "a\x1b\u202e\x7fb"}


def _assert_clean(name: str, text: str, allowed: str = "\n") -> None:
    assert not _hidden(text, allowed), (name, _hidden(text, allowed))


def test_plan_outputs_and_summary_show_controls_inert(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    inventory = write_json(tmp_path / "inv.json", hostile_inventory(sample_data))
    meta = tmp_path / "meta.yaml"
    meta.write_text(json.dumps({"organisation": "Org\x1b]0;pwned\x07\u202e", "plan_owner": "\x9b"}))
    out = tmp_path / "out"
    for extra, shown in (([], "Org\\x1b]0;pwned\\x07\\u202e"), (["--json"], "Org\\u001b]0")):
        result = runner.invoke(
            app, ["plan", str(inventory), "--meta", str(meta), "--out", str(out), *extra]
        )
        assert result.exit_code == 0, result.output
        assert shown in result.stdout
        _assert_clean("stdout", result.stdout)
        _assert_clean("stderr", result.stderr)
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert len(files) > 3
    for path in files:
        text = path.read_bytes().decode("utf-8")
        if path.suffix == ".md":
            # The word joiner is ours: it keeps names from becoming links (markdown.escape).
            _assert_clean(path.name, text, "\n\u2060")
        else:
            _assert_clean(path.name, text.replace("\r\n", "\n"))
    # Shown, with the backslash of the escape escaped for Markdown.
    assert "invoice\\\\u202egnp" in (out / "exit-plan.md").read_text()


def test_import_summary_and_errors_show_controls_inert(runner: CliRunner, tmp_path: Path) -> None:
    column = "evil\x1b[31m\u202ecolumn"
    good = tmp_path / "good.csv"
    good.write_text(
        f"provider,account,region,type,id,name,{column}\n"
        "aws,111122223333,eu-west-1,AWS::S3::Bucket,arn:aws:s3:::b,b\x1b[2J\u2066,x\n"
    )
    result = runner.invoke(app, ["import", str(good), "--out", str(tmp_path / "inv.json")])
    assert result.exit_code == 0, result.output
    assert "evil\\x1b[31m\\u202ecolumn" in result.stdout
    _assert_clean("stdout", result.stdout)

    twice = tmp_path / "twice.csv"
    row = "aws,111122223333,eu-west-1,AWS::S3::Bucket,arn:aws:s3:::b\x1b]8;;x\x07\u202e,b\n"
    twice.write_text("provider,account,region,type,id,name\n" + row + row)
    result = runner.invoke(app, ["import", str(twice), "--out", str(tmp_path / "inv2.json")])
    assert result.exit_code == 2
    assert "arn:aws:s3:::b\\x1b]8;;x\\x07\\u202e" in result.stderr
    _assert_clean("stderr", result.stderr)


def test_error_naming_an_input_shows_it_inert(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "inv\x1b[2J\u202e.json"
    result = runner.invoke(app, ["plan", str(missing), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "inv\\x1b[2J\\u202e.json: no such file" in result.stderr
    _assert_clean("stderr", result.stderr)
