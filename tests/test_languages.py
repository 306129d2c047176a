"""Languages: `--lang` picks a catalogue for the whole run, and the Dutch one is complete:
every message translated, and no English message left in the Dutch demo."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from exitplan import i18n, legal
from exitplan.cli import app
from exitplan.paths import playbooks_dir

ROOT = Path(__file__).resolve().parent.parent
DUTCH = i18n.LOCALE_DIR / "nl" / "LC_MESSAGES" / "messages.po"

# Names that read the same in Dutch, written out in Dutch text too.
_NAMES = frozenset({"EU Data Act", "Data Act"})
# Where a message is cut: its placeholders, Markdown, punctuation and line breaks; what is
# left are runs of words, each a fragment a translation must not leave behind.
_CUT = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)s|`[^`]*`|\*\*|[\[\]()|#:;,.!?\"*<>=/]|\s-\s|\n")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)s")
# What a reader types or a program reads stays as it is: code spans and option names.
_CODE = re.compile(r"`[^`]*`|(?<![\w-])--[a-z][a-z-]*")
_MARKDOWN = ("**", "`", "](", "|", "<!--", "\n\n")


def _dutch() -> Catalog:
    with open(DUTCH, "rb") as handle:
        return read_po(handle)


def _pairs(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(English, Dutch) for each message, and each plural form."""
    for message in catalog:
        if not message.id:
            continue
        ids, strings = _strings(message.id), _strings(message.string)
        for index, string in enumerate(strings):
            yield ids[min(index, len(ids) - 1)], string


def test_every_message_has_a_dutch_translation() -> None:
    catalog = _dutch()
    assert catalog.locale is not None and str(catalog.locale) == "nl"
    assert catalog.plural_forms == "nplurals=2; plural=(n != 1);"
    untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not all(_strings(m.string)))]
    assert untranslated == []


def _strings(string: Any) -> tuple[str, ...]:
    return tuple(string) if isinstance(string, (tuple, list)) else (string or "",)


def test_every_translation_keeps_its_placeholders_code_and_markdown() -> None:
    wrong = []
    for english, dutch in _pairs(_dutch()):
        if sorted(_PLACEHOLDER.findall(english)) != sorted(_PLACEHOLDER.findall(dutch)):
            wrong.append(("placeholders", english))
        if sorted(_CODE.findall(english)) != sorted(_CODE.findall(dutch)):
            wrong.append(("code", english))
        for token in _MARKDOWN:
            if english.count(token) != dutch.count(token):
                wrong.append((token, english))
        if english.endswith("\n") != dutch.endswith("\n"):
            wrong.append(("line end", english))
    assert wrong == []


def _data_texts() -> list[str]:
    """Texts that come from data, not from the message catalogue: the shipped catalogue,
    effort profile and sample estate, and the playbooks (a language brings its own
    folder of them). They are translated as data, so this check leaves them out."""
    found: list[str] = []
    data = ROOT / "exitplan" / "data"
    for path in sorted([*data.rglob("*.yaml"), *data.rglob("*.json")]):
        with open(path, encoding="utf-8") as handle:
            loaded = json.load(handle) if path.suffix == ".json" else yaml.safe_load(handle)
        found.extend(_strings_in(loaded))
    with i18n.using(i18n.translations("nl")):
        folder = playbooks_dir()
    for playbook in sorted(folder.glob("*.md")):
        found.extend(playbook.read_text(encoding="utf-8").splitlines())
    return sorted({" ".join(_unescaped(text).split()) for text in found}, key=len, reverse=True)


def _strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings_in(item)


def _unescaped(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def _english_left(text: str, catalog: Catalog) -> dict[str, str]:
    """Fragments of three or more words of an English message found in `text`, each with
    its message; a fragment its own translation keeps (a command line) does not count."""
    found = {}
    for english, dutch in _pairs(catalog):
        for piece in _CUT.split(english):
            fragment = " ".join(piece.split())
            if (
                len(fragment.split()) >= 3
                and fragment not in _NAMES
                and fragment in text
                and fragment not in " ".join(dutch.split())
            ):
                found[fragment] = english
    return found


def _readable(out: Path, summary: str) -> str:
    """What a person reads of a plan folder: the plan, runbooks, CSV headers, the human
    texts of plan.json and the terminal summary, with data texts taken out."""
    parts = [summary, (out / "exit-plan.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((out / "runbooks").glob("*.md"))]
    parts += [p.read_text(encoding="utf-8").split("\n", 1)[0] for p in sorted(out.glob("*.csv"))]
    parts += _strings_in(json.loads((out / "plan.json").read_text(encoding="utf-8")))
    text = " ".join(_unescaped("\n".join(parts)).split())
    for data in _data_texts():
        if len(data.split()) >= 3:
            text = text.replace(data, " | ")
    return text


def test_the_dutch_demo_has_no_english_message(runner: CliRunner, tmp_path: Path) -> None:
    """The demo, and the comparison and estimate of its inventory."""
    out = tmp_path / "demo"
    printed = []
    for command in (["demo", "--out", str(out)], ["scenarios"], ["estimate"]):
        if command[0] != "demo":
            command.append(str(out / "inventory.json"))
        result = runner.invoke(app, ["--lang", "nl", *command])
        assert result.exit_code == 0, result.output
        printed.append(result.stdout)
    assert _english_left(_readable(out, "\n".join(printed)), _dutch()) == {}


def test_the_check_finds_an_english_message() -> None:
    catalog = Catalog(locale="nl")
    catalog.add("Review this plan by %(day)s, after every change", "Herbeoordeel uiterlijk %(day)s")
    catalog.add("see `exitplan plan --lang nl` for it", "zie `exitplan plan --lang nl` ervoor")
    text = "Review this plan by 12 januari 2027; the Data Act; exitplan plan --lang nl"
    assert _english_left(text, catalog) == {
        "Review this plan by": "Review this plan by %(day)s, after every change"
    }


def test_lang_after_the_command_and_in_the_environment(runner: CliRunner, tmp_path: Path) -> None:
    """The option works before the command and after it; EXITPLAN_LANG where neither is
    given; errors speak the language too. The language ends with the run."""
    missing = str(tmp_path / "missing.json")
    after = runner.invoke(app, ["plan", missing, "--out", str(tmp_path / "a"), "--lang", "nl"])
    assert after.exit_code == 2 and after.stderr.startswith("fout: ")
    env = runner.invoke(
        app, ["plan", missing, "--out", str(tmp_path / "b")], env={"EXITPLAN_LANG": "nl"}
    )
    assert env.exit_code == 2 and env.stderr.startswith("fout: ")
    english = runner.invoke(app, ["plan", missing, "--out", str(tmp_path / "c")])
    assert english.exit_code == 2 and english.stderr.startswith("error: ")
    assert i18n.language() == "en"


def test_an_unknown_language_names_the_available_ones(runner: CliRunner, tmp_path: Path) -> None:
    for args in (["--lang", "de", "demo"], ["demo", "--lang", "de"]):
        result = runner.invoke(app, [*args, "--out", str(tmp_path / "demo")])
        assert result.exit_code == 2, result.output
        assert "'de'" in result.stderr and ", ".join(i18n.available()) in result.stderr
        assert not (tmp_path / "demo").exists()
    assert i18n.available() == sorted(p.name for p in i18n.LOCALE_DIR.iterdir() if p.is_dir())


def test_dutch_numbers_and_dates(runner: CliRunner, tmp_path: Path) -> None:
    """Numbers a person reads in Dutch form; the machine fields as Python writes them."""
    with i18n.using(i18n.translations("nl")):
        assert i18n.number("1,234,567.5") == "1.234.567,5"
        assert f"{i18n.Number(0.125):.1%} {i18n.Number(12345):,}" == "12,5% 12.345"
        assert str(legal.NO_SWITCHING_CHARGES) == "12 januari 2027"
    assert i18n.number("1,234.5") == "1,234.5"
    out = tmp_path / "demo"
    result = runner.invoke(app, ["--lang", "nl", "demo", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert re.search(r"\d\.\d{3}(\.\d{3})? / \d", result.stdout)
    # The table of providers: its columns as wide as the Dutch headings, every row in line.
    table = result.stdout.splitlines()[2:7]
    assert table[0].split()[:2] == ["aanbieder", "accounts"]
    assert len({len(line) for line in table}) == 1
    document = json.loads((out / "plan.json").read_text())
    assert isinstance(document["effort_person_days"]["p50"], (int, float))
    assert document["language"] == "nl"
    header, *rows = csv.reader(io.StringIO((out / "resource-mapping.csv").read_text()))
    assert header[:2] == ["aanbieder", "account"] and "inspanning_waarschijnlijk_dagen" in header
    likely = header.index("inspanning_waarschijnlijk_dagen")
    assert all(float(row[likely]) >= 0 for row in rows)
