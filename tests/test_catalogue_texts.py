"""The catalogue's texts in another language: read strictly, applied to the shipped files
only, stale ones noticed, and what is still in English said in the plan."""

from __future__ import annotations

import dataclasses
import gettext
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from exitplan import i18n, translation
from exitplan.catalogue import Catalogue, load_catalogue
from exitplan.catalogue.model import CatalogueFile
from exitplan.catalogue.texts import Localised, localise, todo
from exitplan.cli import app
from exitplan.errors import CatalogueError
from exitplan.inventory import load_inventories
from exitplan.paths import catalogue_dir, playbook_path
from exitplan.pipeline import make_plan
from exitplan.planning import Plan, PlanMeta
from exitplan.profile import Profile
from exitplan.render import PLAN_FILE, render
from exitplan.sample import sample_path
from exitplan.translation import fingerprint
from exitplan.yamlfile import load_yaml


class _Dutch(gettext.NullTranslations):
    """Dutch as far as the catalogue texts go; the messages stay in English, so that the
    tests do not depend on the Dutch message catalogue."""

    def info(self) -> dict[str, str]:
        return {"language": "nl"}


def _shipped() -> list[tuple[Path, CatalogueFile]]:
    return [
        (path, CatalogueFile.model_validate(load_yaml(path, CatalogueError, "")))
        for path in sorted(catalogue_dir().glob("*.yaml"))
    ]


def _texts(tmp_path: Path, name: str, data: object) -> Path:
    folder = tmp_path / "nl"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _category(parsed: list[tuple[Path, CatalogueFile]], category_id: str) -> tuple[str, str]:
    """The file that defines a category, and its English name."""
    for path, content in parsed:
        for category in content.categories:
            if category.id == category_id:
                return path.name, category.name
    raise AssertionError(category_id)


def test_the_shipped_translations_name_known_texts_and_none_is_stale() -> None:
    with i18n.using(_Dutch()):
        catalogue = load_catalogue()
    assert catalogue.localised is not None
    stale = [f"{path}: {'.'.join(key)}" for path, key in catalogue.localised.stale]
    # An English text changed since it was translated: translate it again (the fingerprint
    # to write is in `python -m exitplan.catalogue nl`), or remove the translation.
    assert stale == []
    assert catalogue.categories["object-storage"].name == "Objectopslag"
    # Facts stay as they are: only texts are translated.
    english = load_catalogue()
    assert catalogue.categories["object-storage"].model_dump(
        exclude={"name", "description", "lock_in_reason", "alternatives"}
    ) == english.categories["object-storage"].model_dump(
        exclude={"name", "description", "lock_in_reason", "alternatives"}
    )
    assert english.localised is None


def test_the_shipped_translations_read_strictly() -> None:
    """Runs read them with the fast loader, which keeps the last of a key written twice."""
    files = sorted((catalogue_dir() / "nl").glob("*.yaml"))
    assert files
    for path in files:
        assert isinstance(load_yaml(path, CatalogueError, ""), dict)


def test_an_overlay_stays_as_written_in_a_dutch_run(tmp_path: Path) -> None:
    overlay = tmp_path / "ours.yaml"
    overlay.write_text(
        yaml.safe_dump({"categories": [{"id": "object-storage", "name": "Our storage"}]}),
        encoding="utf-8",
    )
    with i18n.using(_Dutch()):
        catalogue = load_catalogue(overlays=[overlay])
    assert catalogue.categories["object-storage"].name == "Our storage"
    assert catalogue.categories["object-storage"].description.startswith("Buckets met objecten")
    assert catalogue.categories["dns"].name == "Gezaghebbende DNS en service discovery"


def test_a_translation_replaces_the_text_and_a_stale_one_keeps_the_english(
    tmp_path: Path,
) -> None:
    parsed = _shipped()
    name, english = _category(parsed, "dns")
    _texts(
        tmp_path,
        name,
        {
            "categories": {
                "dns": {
                    "name": {"source": fingerprint(english), "text": "DNS, in het Nederlands"},
                    "description": {"source": "00000000", "text": "verouderd"},
                }
            }
        },
    )
    result, localised = localise(parsed, "nl", tmp_path)
    assert localised is not None
    dns = next(c for _p, f in result for c in f.categories if c.id == "dns")
    assert dns.name == "DNS, in het Nederlands"
    assert dns.description == _category_description(parsed, "dns")
    assert localised.stale == ((tmp_path / "nl" / name, ("categories", "dns", "description")),)
    assert ("categories", "dns", "description") in localised.untranslated
    assert ("categories", "dns", "name") not in localised.untranslated


def test_a_certificate_scope_and_an_unverified_fact_are_translated(tmp_path: Path) -> None:
    parsed = _shipped()
    path, provider = next(
        (p, provider)
        for p, f in parsed
        for provider in f.providers
        if provider.uncertain and any(c.scope for c in provider.certifications)
    )
    certificate = next(c for c in provider.certifications if c.scope)
    doubt, why = sorted(provider.uncertain.items())[0]
    _texts(
        tmp_path,
        path.name,
        {
            "providers": {
                provider.id: {
                    f"certifications.{certificate.name}.scope": {
                        "source": fingerprint(certificate.scope or ""),
                        "text": "reikwijdte",
                    },
                    f"uncertain.{doubt}": {"source": fingerprint(why), "text": "onzeker"},
                }
            }
        },
    )
    result, _localised = localise(parsed, "nl", tmp_path)
    translated = next(p for _f, f in result for p in f.providers if p.id == provider.id)
    scopes = {c.name: c.scope for c in translated.certifications}
    assert scopes[certificate.name] == "reikwijdte"
    assert translated.uncertain[doubt] == "onzeker"
    assert translated.certifications[0].sources == provider.certifications[0].sources


def _category_description(parsed: list[tuple[Path, CatalogueFile]], category_id: str) -> str:
    return next(c.description for _p, f in parsed for c in f.categories if c.id == category_id)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (
            {"categories": {"no-such-category": {"name": {"source": "00000000", "text": "x"}}}},
            "categories.no-such-category: no such entry",
        ),
        (
            {"categories": {"dns": {"native_types": {"source": "00000000", "text": "x"}}}},
            "categories.dns: 'native_types' is not a text",
        ),
        (
            {"structural": {"dns": {"name": {"source": "00000000", "text": "x"}}}},
            "structural.dns: no such entry",
        ),
        (
            {"categories": {"dns": {"name": {"source": "not-hex!", "text": "x"}}}},
            "categories.dns.name.source",
        ),
    ],
)
def test_an_unknown_key_is_refused_with_file_and_key(
    tmp_path: Path, data: object, named: str
) -> None:
    parsed = _shipped()
    name, _english = _category(parsed, "dns")
    path = _texts(tmp_path, name, data)
    with pytest.raises(CatalogueError) as caught:
        localise(parsed, "nl", tmp_path)
    assert str(path) in str(caught.value) and named in str(caught.value)


def test_a_translation_of_no_catalogue_file_is_refused(tmp_path: Path) -> None:
    path = _texts(tmp_path, "no-such-file.yaml", {})
    with pytest.raises(CatalogueError, match="translates no catalogue file") as caught:
        localise(_shipped(), "nl", tmp_path)
    assert str(path) in str(caught.value)


def test_the_list_of_texts_to_translate_fills_in_to_a_whole_translation(tmp_path: Path) -> None:
    source = catalogue_dir() / "workplace.yaml"
    (tmp_path / source.name).write_bytes(source.read_bytes())
    listed = todo(tmp_path, "nl")
    assert listed.startswith("# " + str(tmp_path / "nl" / source.name) + "\n")
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / source.name).write_text(
        listed.replace("      text: \n", "      text: vertaald\n"), encoding="utf-8"
    )
    parsed = [(source, CatalogueFile.model_validate(load_yaml(source, CatalogueError, "")))]
    result, localised = localise(parsed, "nl", tmp_path)
    assert localised is not None and localised.untranslated == frozenset()
    assert localised.stale == () and todo(tmp_path, "nl") == "\n"
    category = result[0][1].categories[0]
    assert (category.name, category.alternatives[0].compatibility_note) == ("vertaald", "vertaald")


def test_a_playbook_not_yet_translated_or_stale_is_read_in_english(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "nl").mkdir()
    for name in ("current", "stale", "unmarked", "english-only"):
        (tmp_path / "en" / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n")
    english = (tmp_path / "en" / "current.md").read_text()
    made_from = f"---\ntranslated_from: '{fingerprint(english)}'\ntitle: nl\n---\n"
    (tmp_path / "nl" / "current.md").write_text(made_from)
    (tmp_path / "nl" / "stale.md").write_text(made_from)
    (tmp_path / "nl" / "unmarked.md").write_text("---\ntitle: nl\n---\n")
    found = {
        name: playbook_path(tmp_path / "nl", name).parent.name
        for name in ("current", "stale", "unmarked", "english-only", "neither")
    }
    assert found == {
        "current": "nl",
        "stale": "en",
        "unmarked": "en",
        "english-only": "en",
        "neither": "nl",
    }


def test_the_playbooks_to_translate_are_named_with_their_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "nl").mkdir()
    for name in ("current", "stale", "missing"):
        (tmp_path / "en" / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n")
    made_from = fingerprint((tmp_path / "en" / "current.md").read_text())
    (tmp_path / "nl" / "current.md").write_text(f"---\ntranslated_from: '{made_from}'\n---\n")
    (tmp_path / "nl" / "stale.md").write_text(f"---\ntranslated_from: '{made_from}'\n---\n")
    stale_from = fingerprint((tmp_path / "en" / "stale.md").read_text())
    missing_from = fingerprint((tmp_path / "en" / "missing.md").read_text())
    assert translation.playbooks_to_translate(tmp_path / "en", tmp_path / "nl") == [
        f"# {tmp_path / 'nl' / 'missing.md'} (missing): translated_from: '{missing_from}'",
        f"# {tmp_path / 'nl' / 'stale.md'} (stale): translated_from: '{stale_from}'",
    ]


def _demo(runner: CliRunner, out: Path, language: gettext.NullTranslations | None) -> str:
    if language is None:
        result = runner.invoke(app, ["demo", "--out", str(out), "-q"])
    else:
        with i18n.using(language):
            result = runner.invoke(app, ["demo", "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return (out / PLAN_FILE).read_text(encoding="utf-8")


def test_a_dutch_plan_shows_the_translated_texts_and_the_english_one_does_not(
    runner: CliRunner, tmp_path: Path
) -> None:
    dutch = _demo(runner, tmp_path / "nl", _Dutch())
    english = _demo(runner, tmp_path / "en", None)
    assert "| Objectopslag |" in dutch and "| Object storage |" in english
    assert "Objectopslag" not in english
    assert "Not yet translated" not in english
    runbook = (tmp_path / "nl" / "runbooks" / "object-storage.md").read_text(encoding="utf-8")
    assert "# Runbook: Objectopslag to " in runbook


@pytest.fixture()
def plan(catalogue: Catalogue, profile: Profile) -> Plan:
    return make_plan(load_inventories([sample_path()]), catalogue, profile, PlanMeta())


def test_the_note_lists_exactly_what_is_still_in_english(plan: Plan) -> None:
    row = plan.categories[0]
    provider = plan.chosen_providers[0]
    unused = next(
        c
        for c in load_catalogue().categories.values()
        if c.id not in {r.category.id for r in plan.categories}
    )
    localised = Localised(
        "nl",
        untranslated=frozenset(
            {
                ("categories", row.category.id, "description"),
                ("categories", row.category.id, "lock_in_reason"),
                ("providers", provider.id, "notes"),
                ("categories", unused.id, "name"),
            }
        ),
        stale=(),
        playbooks_missing=frozenset({row.category.playbook, unused.playbook}),
    )
    note = dataclasses.replace(plan, localised=localised).still_english
    assert note is not None
    assert (note.texts, note.entries, note.runbooks) == (
        3,
        (row.category.name, provider.name),
        (row.category.name,),
    )
    text = render(dataclasses.replace(plan, localised=localised))[PLAN_FILE]
    assert (
        f"- 3 texts from the catalogue, of: {row.category.name}, {provider.name}.\n"
        f"- The steps of 1 runbook: {row.category.name}.\n"
    ) in text
    everything = Localised("nl", frozenset({("categories", unused.id, "name")}), ())
    assert dataclasses.replace(plan, localised=everything).still_english is None
    assert (
        "Not yet translated"
        not in render(dataclasses.replace(plan, localised=everything))[PLAN_FILE]
    )


PLAYBOOKS = Path(__file__).resolve().parent.parent / "playbooks"
_MARKER = re.compile(r"\[(?:target|source|tool): [^\]\n]*\]")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def _shape(text: str) -> dict[str, object]:
    """What a translated playbook keeps of its English: the markers in order, the
    placeholders, the front matter's ids and keys, and the number of steps and criteria."""
    _empty, head, body = text.split("---", 2)
    meta = yaml.safe_load(head)
    return {
        "markers": _MARKER.findall(body),
        "placeholders": sorted(set(_PLACEHOLDER.findall(body))),
        "category": meta["category"],
        "applies_to": meta.get("applies_to"),
        "fill_in": sorted(meta.get("fill_in") or {}),
        "criteria": (len(meta.get("go_no_go") or ()), len(meta.get("evidence") or ())),
        "headings": [line.split(" ", 1)[0] for line in body.splitlines() if line.startswith("#")],
        "steps": len(re.findall(r"^ *(?:\d+\.|[-*+]) ", body, re.MULTILINE)),
        "fences": body.count("```"),
    }


def test_a_translated_playbook_keeps_the_shape_of_its_english() -> None:
    """A current translation (one made from the English as it now reads) keeps its markers,
    placeholders and front matter; a stale one is not used (see the note in the plan)."""
    translated = sorted((PLAYBOOKS / "nl").glob("*.md"))
    assert translated
    for path in translated:
        english = PLAYBOOKS / "en" / path.name
        assert english.is_file(), path
        if translation.current(path, english):
            assert _shape(path.read_text()) == _shape(english.read_text()), path


def test_a_playbook_that_lost_a_marker_or_placeholder_differs_in_shape() -> None:
    text = next((PLAYBOOKS / "nl").glob("*.md")).read_text()
    marker = _MARKER.search(text)
    assert marker is not None
    assert _shape(text) == _shape(text)
    assert _shape(text) != _shape(text.replace(marker[0], "", 1))
    assert _shape(text) != _shape(text + "\n1. `run {bucket}`\n")
