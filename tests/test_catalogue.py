"""The shipped catalogue is complete and consistent; a broken one fails loudly, by name."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from exitplan.catalogue import AlternativeKind, Catalogue, Structural, load_catalogue
from exitplan.errors import CatalogueError
from exitplan.paths import catalogue_dir, playbooks_dir
from exitplan.playbooks import read_playbook
from exitplan.sample import sample_inventory
from exitplan.yamlfile import load_yaml

SECTIONS = ["Preparation", "Migration", "Validation", "Cut-over", "Rollback", "Decommission"]


def test_every_sample_type_is_either_mapped_or_deliberately_unmapped(catalogue: Catalogue) -> None:
    found = [
        (r.provider, r.type, catalogue.classify(r.provider, r.type, r.attributes.get))
        for r in sample_inventory().resources
    ]
    # The sample carries digital twins, for which no category exists, so that "unmapped"
    # shows; and roles, route tables, node pools and identities, so that configuration does.
    assert {(p, t) for p, t, entry in found if entry is None} >= {
        ("aws", "AWS::IoTTwinMaker::Workspace"),
        ("azure", "Microsoft.DigitalTwins/digitalTwinsInstances"),
    }
    structural = {t for _, t, entry in found if isinstance(entry, Structural)}
    assert {"AWS::IAM::Role", "container.googleapis.com/NodePool"} <= structural


def test_each_category_offers_eu_managed_and_open_source(catalogue: Catalogue) -> None:
    for category in catalogue.categories.values():
        kinds = {alt.kind for alt in category.alternatives}
        assert AlternativeKind.EU_MANAGED in kinds and AlternativeKind.OPEN_SOURCE in kinds


def test_every_fact_has_a_source(catalogue: Catalogue) -> None:
    for provider in catalogue.providers.values():
        assert provider.sources
        for cert in provider.certifications:
            assert cert.sources, (provider.id, cert.name)
    for category in catalogue.categories.values():
        for alt in category.alternatives:
            assert alt.sources and alt.last_verified, alt.id


def test_playbooks_match_their_categories(catalogue: Catalogue) -> None:
    for category in catalogue.categories.values():
        playbook = read_playbook(playbooks_dir() / f"{category.playbook}.md")
        assert playbook.category == category.id
        ids = {alt.id for alt in category.alternatives}
        assert set(playbook.applies_to) <= ids, (category.id, set(playbook.applies_to) - ids)
        headings = [line[3:] for line in playbook.body.splitlines() if line.startswith("## ")]
        assert headings == SECTIONS, category.id
        assert "TODO" not in playbook.body


def test_engine_decides_the_database_category(catalogue: Catalogue) -> None:
    def category(engine: str) -> str | None:
        found = catalogue.category_for("aws", "AWS::RDS::DBInstance", {"engine": engine}.get)
        return found.id if found else None

    assert category("postgres") == "relational-postgresql"
    assert category("aurora-mysql") == "relational-mysql"
    assert category("sqlserver-se") == "relational-sqlserver"
    assert category("oracle-ee") == "relational-oracle"
    assert category("no-such-engine") is None


def _copy_catalogue(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    target = tmp_path / "catalogue"
    target.mkdir()
    files = {}
    for path in sorted(catalogue_dir().glob("*.yaml")):
        files[path.name] = yaml.safe_load(path.read_text())
        (target / path.name).write_text(path.read_text())
    return target, files


def _broken(tmp_path: Path, mutate: Callable[[list[dict[str, Any]]], None]) -> tuple[str, str]:
    """Load a copy of the catalogue whose first category file `mutate` changed; return that
    file's name and the error message."""
    target, files = _copy_catalogue(tmp_path)
    name = next(n for n, data in sorted(files.items()) if data.get("categories"))
    data = copy.deepcopy(files[name])
    mutate(data["categories"])
    (target / name).write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogueError) as exc:
        load_catalogue(target)
    return name, exc.value.message


def test_duplicate_alternative_id_is_named(tmp_path: Path) -> None:
    def mutate(categories: list[dict[str, Any]]) -> None:
        categories[1]["alternatives"].append(copy.deepcopy(categories[0]["alternatives"][0]))

    name, message = _broken(tmp_path, mutate)
    assert name in message and "alternative ids are unique" in message


def test_missing_source_names_the_entry(tmp_path: Path) -> None:
    def mutate(categories: list[dict[str, Any]]) -> None:
        categories[0]["alternatives"][0]["sources"] = []

    name, message = _broken(tmp_path, mutate)
    assert name in message and "sources" in message
    assert re.search(r"alternatives\[[a-z0-9-]+\]\.sources", message), message


def _first_category(tmp_path: Path, name: str) -> tuple[str, dict[str, Any]]:
    """Where a message names the first category of `name`, and that category as shipped."""
    first = yaml.safe_load((catalogue_dir() / name).read_text())["categories"][0]
    return f"{tmp_path / 'catalogue' / name}: category '{first['id']}'", first


def test_missing_playbook_is_named(tmp_path: Path) -> None:
    def mutate(categories: list[dict[str, Any]]) -> None:
        categories[0]["playbook"] = "no-such-playbook"

    name, message = _broken(tmp_path, mutate)
    where, _ = _first_category(tmp_path, name)
    missing = playbooks_dir() / "no-such-playbook.md"
    assert message == f"{where}: playbook 'no-such-playbook' has no file {missing}"


def test_unknown_provider_is_named(tmp_path: Path) -> None:
    def mutate(categories: list[dict[str, Any]]) -> None:
        eu = next(a for a in categories[0]["alternatives"] if a["kind"] == "eu-managed")
        eu["provider"] = "acme-cloud"

    name, message = _broken(tmp_path, mutate)
    where, first = _first_category(tmp_path, name)
    eu = next(a for a in first["alternatives"] if a["kind"] == "eu-managed")
    assert message == (
        f"{where}: alternative '{eu['id']}' names provider 'acme-cloud', "
        "which no catalogue file defines"
    )


def test_a_category_without_an_open_source_alternative_is_refused(tmp_path: Path) -> None:
    def mutate(categories: list[dict[str, Any]]) -> None:
        alternatives = categories[0]["alternatives"]
        alternatives[:] = [a for a in alternatives if a["kind"] != "open-source"]

    name, message = _broken(tmp_path, mutate)
    where, _ = _first_category(tmp_path, name)
    assert message == f"{where} needs at least one eu-managed and one open-source alternative"


def test_a_type_claimed_twice_is_refused(tmp_path: Path) -> None:
    def mutate(categories: list[dict[str, Any]]) -> None:
        categories[1]["native_types"].append(categories[0]["native_types"][0])

    name, message = _broken(tmp_path, mutate)
    categories = yaml.safe_load((catalogue_dir() / name).read_text())["categories"]
    native = categories[0]["native_types"][0]
    assert message == (
        f"{tmp_path / 'catalogue' / name}: category '{categories[1]['id']}': "
        f"{native['provider']} type '{native['type']}' is already claimed by "
        f"'{categories[0]['id']}'"
    )


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    target, _ = _copy_catalogue(tmp_path)
    (target / "zz-broken.yaml").write_text("categories:\n  - id: x\n    name: [unclosed\n")
    with pytest.raises(CatalogueError, match=r"zz-broken.yaml:\d+"):
        load_catalogue(target)


def test_an_ai_account_maps_by_its_kind(catalogue: Catalogue) -> None:
    # One ARM type serves every Azure AI service; the account's kind decides the category,
    # and a kind no category claims stays unmapped rather than landing in a wrong one.
    def category(kind: str) -> str | None:
        attributes = {"kind": kind}
        found = catalogue.category_for(
            "azure", "Microsoft.CognitiveServices/accounts", attributes.get
        )
        return found.id if found else None

    assert category("TextTranslation") == "ai-translation"
    assert category("OpenAI") == "ai-language-models"
    assert category("SpeechServices") == "ai-speech"
    assert category("FormRecognizer") == "ai-document"
    assert category("Face") == "ai-vision"
    assert category("CognitiveServices") is None


def test_the_shipped_files_read_strictly_as_they_read_fast() -> None:
    """Runs read the shipped files with libyaml, which keeps the last of a key written
    twice; the strict loader users' files go through refuses it, so it checks them here."""
    for path in sorted(catalogue_dir().glob("*.yaml")):
        strict = load_yaml(path, CatalogueError, "")
        assert strict == yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
