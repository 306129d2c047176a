"""The shipped catalogue is complete and consistent; a broken one fails loudly, by name."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from exitplan.catalogue import AlternativeKind, Catalogue, load_catalogue
from exitplan.errors import CatalogueError
from exitplan.paths import playbooks_dir
from exitplan.playbooks import read_playbook
from exitplan.sample import sample_inventory

SECTIONS = ["Preparation", "Migration", "Validation", "Cut-over", "Rollback", "Decommission"]


def test_every_sample_type_is_either_mapped_or_deliberately_unmapped(catalogue: Catalogue) -> None:
    unmapped = {
        (r.provider, r.type)
        for r in sample_inventory().resources
        if catalogue.category_for(r.provider, r.type, r.attributes.get) is None
    }
    # The sample carries a few services without an alternative, so that "unmapped" shows.
    assert unmapped == {
        ("aws", "AWS::Connect::Instance"),
        ("azure", "Microsoft.Logic/workflows"),
        ("azure", "Microsoft.CognitiveServices/accounts"),
        ("gcp", "aiplatform.googleapis.com/Endpoint"),
    }


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
    assert category("oracle-ee") is None


def _copy_catalogue(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    source = Path(load_catalogue.__code__.co_filename).parent / "data" / "catalogue"
    target = tmp_path / "catalogue"
    target.mkdir()
    files = {}
    for path in sorted(source.glob("*.yaml")):
        files[path.name] = yaml.safe_load(path.read_text())
        (target / path.name).write_text(path.read_text())
    return target, files


def _first_category_file(files: dict[str, Any]) -> str:
    return next(name for name, data in sorted(files.items()) if data.get("categories"))


def test_duplicate_alternative_id_is_named(tmp_path: Path) -> None:
    target, files = _copy_catalogue(tmp_path)
    name = _first_category_file(files)
    data = copy.deepcopy(files[name])
    first, second = data["categories"][0], data["categories"][1]
    second["alternatives"].append(copy.deepcopy(first["alternatives"][0]))
    (target / name).write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogueError, match=first["alternatives"][0]["id"]) as exc:
        load_catalogue(target)
    assert name in exc.value.message


def test_missing_source_names_the_entry(tmp_path: Path) -> None:
    target, files = _copy_catalogue(tmp_path)
    name = _first_category_file(files)
    data = copy.deepcopy(files[name])
    alt = data["categories"][0]["alternatives"][0]
    alt["sources"] = []
    (target / name).write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogueError) as exc:
        load_catalogue(target)
    assert name in exc.value.message and alt["id"] in exc.value.message
    assert "sources" in exc.value.message


def test_missing_playbook_is_named(tmp_path: Path) -> None:
    target, files = _copy_catalogue(tmp_path)
    name = _first_category_file(files)
    data = copy.deepcopy(files[name])
    data["categories"][0]["playbook"] = "no-such-playbook"
    (target / name).write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogueError, match="no-such-playbook"):
        load_catalogue(target)


def test_unknown_provider_is_named(tmp_path: Path) -> None:
    target, files = _copy_catalogue(tmp_path)
    name = _first_category_file(files)
    data = copy.deepcopy(files[name])
    eu = next(a for a in data["categories"][0]["alternatives"] if a["kind"] == "eu-managed")
    eu["provider"] = "acme-cloud"
    (target / name).write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogueError, match="acme-cloud"):
        load_catalogue(target)


def test_a_type_claimed_twice_is_refused(tmp_path: Path) -> None:
    target, files = _copy_catalogue(tmp_path)
    name = _first_category_file(files)
    data = copy.deepcopy(files[name])
    data["categories"][1]["native_types"].append(data["categories"][0]["native_types"][0])
    (target / name).write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogueError, match="already claimed"):
        load_catalogue(target)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    target, _ = _copy_catalogue(tmp_path)
    (target / "zz-broken.yaml").write_text("categories:\n  - id: x\n    name: [unclosed\n")
    with pytest.raises(CatalogueError, match=r"zz-broken.yaml:\d+"):
        load_catalogue(target)
