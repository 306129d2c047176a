"""The message catalogues: complete and current, really used, and not bypassed."""

from __future__ import annotations

import ast
import gettext
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import nodes
from typer.testing import CliRunner

from connectors.importers.run import import_files
from exitplan import i18n
from exitplan.cli import app
from exitplan.errors import InputError
from exitplan.paths import templates_dir
from exitplan.render import environment
from exitplan.sample import sample_path

ROOT = Path(__file__).resolve().parent.parent
POT = i18n.LOCALE_DIR / "messages.pot"
REGENERATE = "run `make messages` and commit the catalogues"


def _extract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The template as `make messages` extracts it, from the code and templates as they are."""
    out = tmp_path / "messages.pot"
    monkeypatch.chdir(ROOT)
    CommandLineInterface().run(  # type: ignore[no-untyped-call]
        ["pybabel", "-q", "extract", "-F", "pyproject.toml", "--no-location", "--sort-output",
         "--omit-header", "-o", str(out), "."]
    )  # fmt: skip
    return out.read_bytes()


def _read(path: Path) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle)


def _ids(catalog: Catalog) -> set[object]:
    return {message.id for message in catalog if message.id}


def _languages() -> list[Path]:
    return sorted(i18n.LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))


def test_the_template_holds_exactly_the_messages_of_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _extract(tmp_path, monkeypatch) == POT.read_bytes(), REGENERATE


def test_every_language_has_every_message_and_no_other() -> None:
    expected = _ids(_read(POT))
    assert len(expected) > 100 and [p.parent.parent.name for p in _languages()] == ["en", "nl"]
    for po in _languages():
        assert _ids(_read(po)) == expected, f"{po}: {REGENERATE}"


def _compiled(catalog: Catalog) -> dict[object, object]:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _entries(gettext.GNUTranslations(buffer))


def _entries(translations: gettext.GNUTranslations) -> dict[object, object]:
    # The header ("") names the Babel version that compiled it; the messages are what counts.
    entries: dict[object, object] = getattr(translations, "_catalog")  # noqa: B009
    return {key: value for key, value in entries.items() if key != ""}


def test_the_compiled_catalogues_match_their_sources() -> None:
    for po in _languages():
        with open(po.with_suffix(".mo"), "rb") as handle:
            shipped = _entries(gettext.GNUTranslations(handle))
        assert shipped == _compiled(_read(po)), f"{po.with_suffix('.mo')}: {REGENERATE}"


# Text in a template outside `_()` and `{% trans %}`: letters, except rule and risk ids
# (E-BASE, R-OWNER), which are names, not words.
_IDS = re.compile(r"\b[A-Z]+-[A-Z]+\b")
_LETTER = re.compile(r"[^\W\d_]")
_GETTEXT = frozenset({"_", "gettext", "ngettext"})


def _bypasses(node: nodes.Node, parent: nodes.Node | None) -> Iterator[str]:
    if isinstance(node, nodes.TemplateData) and _LETTER.search(_IDS.sub("", node.data)):
        yield f"line {node.lineno}: text {node.data.strip()[:60]!r}"
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        translated = (
            isinstance(parent, nodes.Call)
            and isinstance(parent.node, nodes.Name)
            and parent.node.name in _GETTEXT | {"manual"}  # a section name is a key
            and node in parent.args
        )
        # ["default"], attribute=, and the name of a template to include
        key = isinstance(parent, (nodes.Getitem, nodes.Keyword, nodes.Include))
        if _LETTER.search(node.value) and not translated and not key:
            yield f"line {node.lineno}: string {node.value[:60]!r}"
    for child in node.iter_child_nodes():
        yield from _bypasses(child, node)


@pytest.mark.parametrize(
    "name",
    ["exit-plan.md.j2", "runbook.md.j2", "runbook-configuration.md.j2", "landing-zone.md.j2"],
)
def test_no_template_text_bypasses_the_catalogue(name: str) -> None:
    env = environment()
    tree = env.parse((templates_dir() / name).read_text(encoding="utf-8"))
    assert list(_bypasses(tree, None)) == []


def test_the_check_finds_text_outside_the_catalogue() -> None:
    env = environment()
    source = '# Plan\n{{ _("ok") }} {{ x or "not recorded" }} {{ manual("notes") }} E-BASE\n'
    found = list(_bypasses(env.parse(source), None))
    assert found == ["line 1: text '# Plan'", "line 2: string 'not recorded'"]


class _Recording(gettext.NullTranslations):
    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def gettext(self, message: str) -> str:
        self.asked.add(message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.asked.add(msgid1)
        return msgid1 if n == 1 else msgid2


def test_every_message_the_plan_asks_for_is_in_the_catalogue(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The templates are read for extraction as they are for rendering: the same msgids."""
    recording = _Recording()
    with i18n.using(recording):
        result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert len(recording.asked) > 100
    assert recording.asked - _ids(_read(POT)) == set()


def _language(tmp_path: Path, translated: dict[str, str]) -> gettext.GNUTranslations:
    catalog = Catalog(locale="nl")
    for msgid, msgstr in translated.items():
        catalog.add(msgid, msgstr)
    folder = tmp_path / "locale" / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)
    return i18n.translations("nl", tmp_path / "locale")


def test_a_language_is_a_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catalogue of another language changes the plan, its values still escaped, and
    the runbooks come from that language's playbooks."""
    dutch = _language(
        tmp_path,
        {
            "Exit plan: %(org)s": "Exitplan: %(org)s",
            "Notes": "Notities",
        },
    )
    playbooks = tmp_path / "playbooks"
    shutil.copytree(ROOT / "playbooks" / "en", playbooks / "nl")
    storage = playbooks / "nl" / "object-storage.md"
    storage.write_text(storage.read_text().replace("\ntitle: ", "\ntitle: NL ", 1))
    asked = []

    def playbooks_dir() -> Path:
        asked.append(i18n.language())
        return playbooks / i18n.language()

    monkeypatch.setattr("exitplan.render.playbooks_dir", playbooks_dir)
    monkeypatch.setattr("exitplan.catalogue.load.playbooks_dir", playbooks_dir)
    meta = tmp_path / "meta.yaml"
    meta.write_text("organisation: 'Acme *bold* <b>'\n")
    out = tmp_path / "plan"
    with i18n.using(dutch):
        result = runner.invoke(
            app, ["plan", str(sample_path()), "--meta", str(meta), "--out", str(out), "-q"]
        )
    assert result.exit_code == 0, result.output
    plan = (out / "exit-plan.md").read_text()
    assert plan.startswith("# Exitplan: Acme \\*bold\\* \\<b\\>\n")
    runbook = (out / "runbooks" / "object-storage.md").read_text()
    assert "\n## Notities\n" in runbook and "\n## Actuals\n" in runbook
    assert "Playbook: NL " in runbook and set(asked) == {"nl"}
    monkeypatch.undo()
    assert "# Exit plan:" in (_english_plan(runner, tmp_path, meta))


def _english_plan(runner: CliRunner, tmp_path: Path, meta: Path) -> str:
    out = tmp_path / "english"
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--meta", str(meta), "--out", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    return (out / "exit-plan.md").read_text()


# What a user reads from the code: errors and their hints, lines printed, help texts.
# Per callable, the arguments that hold text (None: all of them).
_MESSAGES: dict[str, int | None] = {
    **dict.fromkeys(
        [
            "ExitplanError",
            "InputError",
            "RecordError",
            "CatalogueError",
            "TemplateError",
            "BrokenConnector",
        ]
    ),
    "ValueError": None,  # pydantic shows it as the reason a field was refused
    "EncodingProblem": None,
    "PydanticCustomError": 1,  # (kind, message)
    "error": None,  # an error class passed in (yamlfile)
    "_Refused": 2,  # YAML's (context, mark, problem, mark)
    "Malformed": 1,  # (line, problem) of manual sections
    "echo": 0,
    "progress": 1,
}


def _lettered(node: ast.expr) -> bool:
    """A literal with letters in it, rather than a message from the catalogue."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(_LETTER.search(node.value))
    if isinstance(node, ast.Name):  # a module's constant, such as _HINT, without _()
        return node.id.lstrip("_").isupper()
    if isinstance(node, ast.JoinedStr):
        return any(_lettered(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.IfExp):
        return _lettered(node.body) or _lettered(node.orelse)
    if isinstance(node, ast.BinOp):
        return _lettered(node.left) or _lettered(node.right)
    # "{x}".format(...) is a literal too; _("...").format(...) is not.
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _lettered(node.func.value)
    return False


def _texts(call: ast.Call) -> Iterator[ast.expr]:
    name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
    if name in _MESSAGES:
        index = _MESSAGES[name]
        yield from call.args if index is None else call.args[index : index + 1]
    if isinstance(call.func, ast.Name) and name == "Option" and len(call.args) > 1:
        # A connector's registered option, (flag, help, ...); typer.Option is an attribute.
        yield call.args[1]
    # help= of typer; summary= and details= of a connector's registration.
    yield from (k.value for k in call.keywords if k.arg in ("help", "summary", "details"))


def _python_bypasses(source: str) -> list[int]:
    tree = ast.parse(source)
    calls = (node for node in ast.walk(tree) if isinstance(node, ast.Call))
    return sorted({text.lineno for call in calls for text in _texts(call) if _lettered(text)})


def test_no_message_of_the_code_bypasses_the_catalogue() -> None:
    found = {}
    for path in sorted([*ROOT.glob("exitplan/**/*.py"), *ROOT.glob("connectors/**/*.py")]):
        name = path.relative_to(ROOT).as_posix()
        lines = _python_bypasses(path.read_text(encoding="utf-8"))
        if lines:
            found[name] = lines
    assert found == {}


def test_the_check_finds_messages_outside_the_catalogue() -> None:
    source = """
raise InputError(f"{path}: no such file", _("check the path"))
raise InputError(_("{path}: no such file").format(path=path), hint)
typer.echo("done" if ok else _("failed"))
typer.echo(f"  {name:<8} {count:>8}")
progress(quiet, "{n} resources".format(n=n))
typer.Option("--out", help="Where to write.")
typer.Option("--out", help=_("Where to write."))
raise InputError(message, _HINT)
raise InputError(message, _(_HINT))
"""
    assert _python_bypasses(source) == [2, 4, 6, 7, 9]


def test_an_import_records_its_gaps_in_the_language_it_ran_in(tmp_path: Path) -> None:
    """A gap's message and a skipped record's reason are written into the inventory
    translated: the file holds what the importing user read. Codes stay as they are."""
    dutch = _language(
        tmp_path,
        {
            "{source} names project {number} by number only; its resources are filed under "
            "the number. Export the project assets too (--asset-types {type}) to file them "
            "by id": "{source}: project {number} alleen als nummer",
            "column {name}": "kolom {name}",
            "tag {key}": "label {key}",
            "instances of Terraform types exitplan cannot place, not imported: {types}": (
                "onbekende typen: {types}"
            ),
        },
    )
    search = tmp_path / "search.json"
    search.write_text(
        '[{"name": "//storage.googleapis.com/b1", "assetType": "storage.googleapis.com/Bucket",'
        ' "project": "projects/123456789012", "location": "europe-west4",'
        ' "labels": {"password": "x"}}]'
    )
    table = tmp_path / "cmdb.csv"
    table.write_text("provider,account,region,type,id,owner\naws,1,eu-west-1,t,i,me\n")
    state = tmp_path / "terraform.tfstate"
    fleet = {"mode": "managed", "type": "aws_gamelift_fleet", "name": "f",
             "instances": [{"attributes": {"id": "f"}}]}  # fmt: skip
    state.write_text(json.dumps({"version": 4, "resources": [fleet]}))
    with i18n.using(dutch):
        inventory = import_files([search, table, state])
    gap, types = inventory.gaps
    assert (types.code, types.message) == (
        "UnknownTerraformType",
        "onbekende typen: aws_gamelift_fleet 1",
    )
    assert (gap.code, gap.message) == (
        "ProjectIdUnknown",
        f"{search}: project 123456789012 alleen als nummer",
    )
    assert sorted(s.type for s in inventory.skipped) == ["kolom owner", "label password"]


def test_a_scan_records_its_gaps_in_the_language_it_ran_in(tmp_path: Path) -> None:
    """The scanners' gaps, as the importers', hold what the scanning user read."""
    from connectors.azure.extras import ExtraTally
    from connectors.gcp.connector import GcpConnector, GcpOptions

    dutch = _language(
        tmp_path,
        {
            "{count} resources lack what {what} gives: {message}": (
                "{count} zonder {what}: {message}"
            ),
            "--project: '{value}' is not a project id or number": "--project: '{value}' ongeldig",
        },
    )
    tally = ExtraTally()
    tally.add(("sub", "config/web"), ("AuthorizationFailed", "denied"), 3)
    with i18n.using(dutch):
        (gap,) = tally.gaps("sub")
        with pytest.raises(InputError) as refused:
            GcpConnector(GcpOptions(projects=("Not A Project!",)))
    assert (gap.code, gap.message) == ("AuthorizationFailed", "3 zonder config/web: denied")
    assert refused.value.message == "--project: 'Not A Project!' ongeldig"
