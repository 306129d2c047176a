"""The catalogue covers what exitplan reads: every native type a connector or importer
table produces maps to a service category or a structural entry, the most used types of
each cloud (tests/fixtures/common-types.yaml) map at 95% or more, and every structural
entry moves with a category that exists (or with the landing zone)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from connectors.aws.types import SPECS, Spec
from connectors.azure.types import RESOURCE_GROUP, TYPES
from connectors.gcp.types import ASSET_TYPES
from connectors.importers.tftypes import TF_TYPES
from exitplan.catalogue import Catalogue, Entry, NativeType, load_catalogue

COMMON = Path(__file__).parent / "fixtures" / "common-types.yaml"
CLOUDS = ("aws", "azure", "gcp")
SHARE = 0.95


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def _specs(specs: tuple[Spec, ...]) -> Iterator[Spec]:
    for spec in specs:
        yield spec
        yield from _specs(spec.children)


def _key(provider: str, native: str) -> tuple[str, str]:
    """Resource Manager types are case-insensitive (see exitplan.catalogue)."""
    return provider, native.lower() if provider == "azure" else native


def produced() -> set[tuple[str, str]]:
    """Every (provider, native type) the scanners and importers can write. A Terraform
    type whose native type is a template (azapi_resource names it in the state) is left
    out: its type is whatever the state says."""
    found = {("aws", spec.type) for spec in _specs(tuple(SPECS))}
    found |= {("azure", native) for native in TYPES} | {("azure", RESOURCE_GROUP)}
    found |= {("gcp", native) for native in ASSET_TYPES}
    found |= {(tf.provider, tf.native) for tf in TF_TYPES.values() if "{" not in tf.native}
    return found


def common() -> list[tuple[str, str, str]]:
    data = yaml.safe_load(COMMON.read_text(encoding="utf-8"))
    return [(row["provider"], row["type"], row["why"]) for row in data["types"]]


def _claims(catalogue: Catalogue, provider: str, native: str) -> list[NativeType]:
    entries: list[Entry] = [*catalogue.categories.values(), *catalogue.structural.values()]
    key = _key(provider, native)
    return [
        rule
        for entry in entries
        for rule in entry.native_types
        if _key(rule.provider, rule.type) == key
    ]


def _only(attribute: str, value: str) -> Callable[[str], object]:
    """An attribute getter of a resource whose one attribute has the given value."""
    return lambda name: value if name == attribute else None


def maps(catalogue: Catalogue, provider: str, native: str) -> bool:
    """True when some resource of the type finds an entry: with no attributes, or, for a
    type claimed only under a condition (an RDS instance by its engine), with an attribute
    value one of its rules names."""
    if catalogue.classify(provider, native, lambda _name: None) is not None:
        return True
    for rule in _claims(catalogue, provider, native):
        if rule.attribute is None or not rule.values:
            continue
        if catalogue.classify(provider, native, _only(rule.attribute, rule.values[0])):
            return True
    return False


def test_every_produced_type_maps_to_a_category_or_a_structural_entry(
    catalogue: Catalogue,
) -> None:
    missing = sorted(key for key in produced() if not maps(catalogue, *key))
    assert not missing, f"{len(missing)} native types map to nothing:\n" + "\n".join(
        f"  {provider} {native}" for provider, native in missing
    )


def test_the_common_types_map_at_95_percent_per_cloud(catalogue: Catalogue) -> None:
    unmapped: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for provider, native, _why in common():
        counts[provider] += 1
        if not maps(catalogue, provider, native):
            unmapped[provider].append(native)
    short = {
        provider: names
        for provider, names in unmapped.items()
        if 1 - len(names) / counts[provider] < SHARE
    }
    assert not short, "\n".join(
        f"{provider}: {counts[provider] - len(names)} of {counts[provider]} common types map; "
        f"unmapped: {', '.join(sorted(names))}"
        for provider, names in sorted(short.items())
    )


def test_the_common_types_are_spelled_as_exitplan_produces_them() -> None:
    """The fixture names at least 50 types per cloud, each once, with where it came from,
    and only types a connector or importer writes (so a misspelling cannot pass as
    coverage)."""
    rows = common()
    known = {_key(provider, native) for provider, native in produced()}
    keys = [_key(provider, native) for provider, native, _why in rows]
    assert len(keys) == len(set(keys)), "a common type is listed twice"
    assert not [row for row in rows if not row[2].strip()], "every common type says why"
    assert [key for key in keys if key not in known] == []
    per_cloud = {
        cloud: sum(1 for provider, _n, _w in rows if provider == cloud) for cloud in CLOUDS
    }
    assert min(per_cloud.values()) >= 50, per_cloud
    assert len(rows) >= 150


def test_a_structural_entry_moves_with_a_category_or_the_landing_zone(
    catalogue: Catalogue,
) -> None:
    assert catalogue.structural, "the catalogue has no structural entries"
    wrong = {
        entry_id: entry.moves_with
        for entry_id, entry in catalogue.structural.items()
        if entry.moves_with != "landing-zone" and entry.moves_with not in catalogue.categories
    }
    assert not wrong, f"structural entries moving with no known category: {wrong}"
