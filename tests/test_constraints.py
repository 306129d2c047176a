"""Constraints filter and rank the alternatives, and every exclusion says which constraint
made it; overlays add and override; configuration is counted as configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from exitplan.catalogue import AlternativeKind, Catalogue, Constraints, Exposure, load_catalogue
from exitplan.constraints import Choice, choose_all
from exitplan.errors import CatalogueError
from exitplan.estimate import CONFIGURATION, estimate
from exitplan.mapping import map_resources
from exitplan.model import Resource
from exitplan.profile import load_profile
from tests.catalogue_builder import default_content, managed, provider, software, write_catalogue


@pytest.fixture
def small(tmp_path: Path) -> Catalogue:
    folder, playbooks = write_catalogue(tmp_path)
    return load_catalogue(folder, playbooks)


def _choose(catalogue: Catalogue, **given: Any) -> dict[str, Choice]:
    return choose_all(catalogue.categories.values(), catalogue, Constraints(**given))


def _resource(type_: str, size: int | None = None) -> Resource:
    return Resource(
        provider="aws",
        account="123456789012",
        region="eu-west-1",
        type=type_,
        id=f"arn:{type_}",
        name="r",
        attributes={"size_bytes": size} if size else {},
    )


def test_without_constraints_the_catalogue_order_decides(small: Catalogue) -> None:
    choices = _choose(small)
    assert choices["vms"].alternative.id == "beta-vms"
    assert [a.id for a in choices["vms"].candidates] == ["beta-vms", "alpha-vms", "nova"]
    assert choices["vms"].excluded == () and choices["vms"].met


def test_a_preference_ranks_its_kind_first(small: Catalogue) -> None:
    choices = _choose(small, prefer=[AlternativeKind.OPEN_SOURCE])
    assert choices["vms"].alternative.id == "nova"
    assert "open-source" in choices["vms"].reason


def test_jurisdiction_excludes_a_provider_with_a_us_parent(small: Catalogue) -> None:
    choices = _choose(small, require_jurisdiction=[Exposure.EU, Exposure.EEA])
    assert choices["vms"].alternative.id == "alpha-vms"
    (excluded,) = choices["vms"].excluded
    assert (excluded.alternative.id, excluded.constraint) == ("beta-vms", "require_jurisdiction")
    assert "us-parent" in excluded.detail
    # Self-hosted software is not excluded: the constraint is on the platform it runs on.
    assert "ganesha" in [a.id for a in choices["files"].candidates]


def test_excluded_providers_certifications_and_regions(small: Catalogue) -> None:
    assert _choose(small, exclude_providers=["beta"])["vms"].alternative.id == "alpha-vms"
    certified = _choose(small, require_certifications=["ISO/IEC 27001"])
    assert certified["vms"].alternative.id == "nova"
    assert {e.constraint for e in certified["vms"].excluded} == {"require_certifications"}
    in_germany = _choose(small, region="de")
    assert in_germany["vms"].alternative.id == "beta-vms"
    assert [e.alternative.id for e in in_germany["vms"].excluded] == ["alpha-vms"]
    assert _choose(small, region="alpha-1")["vms"].alternative.id == "alpha-vms"


def test_max_providers_keeps_the_ones_serving_most(tmp_path: Path) -> None:
    content = default_content()
    # beta ranks first in both; gamma only in one: with one provider, beta stays.
    content["providers"].append({**content["providers"][0], "id": "gamma", "name": "Gamma"})
    content["categories"][0]["alternatives"].insert(0, managed("gamma-vms", "gamma"))
    catalogue = load_catalogue(*write_catalogue(tmp_path, content))
    choices = _choose(catalogue, max_providers=1)
    assert choices["vms"].alternative.id == "beta-vms"
    assert choices["files"].alternative.id == "beta-files"
    dropped = {(e.alternative.id, e.constraint) for e in choices["vms"].excluded}
    assert dropped == {("gamma-vms", "max_providers"), ("alpha-vms", "max_providers")}


def test_when_nothing_meets_the_constraints_the_plan_says_so(tmp_path: Path) -> None:
    content = default_content()
    # Open-source software offered by a provider is bound by that provider's constraints.
    content["categories"][0]["alternatives"] = [
        managed("beta-vms", "beta"),
        software("nova", provider="beta"),
    ]
    catalogue = load_catalogue(*write_catalogue(tmp_path, content))
    choice = _choose(catalogue, exclude_providers=["beta"])["vms"]
    assert not choice.met and choice.candidates == ()
    assert choice.alternative.id == "beta-vms"  # the catalogue's first, shown as such
    assert {e.alternative.id for e in choice.excluded} == {"beta-vms", "nova"}
    assert "no alternative meets the constraints" in choice.reason


def test_self_hosted_software_survives_every_provider_constraint(small: Catalogue) -> None:
    """So a service category, which always has an open-source alternative, always has a
    choice that meets the constraints."""
    choices = _choose(
        small,
        exclude_providers=["alpha", "beta"],
        require_jurisdiction=[Exposure.EU],
        require_certifications=["BSI C5"],
        region="FR",
        max_providers=1,
    )
    assert {c.alternative.id for c in choices.values()} == {"nova", "ganesha"}
    assert all(c.met for c in choices.values())


def test_an_archived_project_ranks_after_a_maintained_one(tmp_path: Path) -> None:
    content = default_content()
    content["categories"][0]["alternatives"] = [
        managed("beta-vms", "beta"),
        software("minio", maintenance="archived"),
        software("garage"),
    ]
    catalogue = load_catalogue(*write_catalogue(tmp_path, content))
    choice = _choose(catalogue, prefer=[AlternativeKind.OPEN_SOURCE])["vms"]
    assert [a.id for a in choice.candidates] == ["garage", "beta-vms", "minio"]


def test_a_standard_is_never_chosen(tmp_path: Path) -> None:
    content = default_content()
    standard = {
        **software("haven"),
        "kind": "standard",
        "project_url": "https://example.eu/haven",
    }
    for key in ("licence", "governance", "maintenance", "needs"):
        standard.pop(key)
    content["categories"][0]["alternatives"].insert(0, standard)
    content["categories"][0]["alternatives"][1]["conforms_to"] = ["haven"]
    catalogue = load_catalogue(*write_catalogue(tmp_path, content))
    choice = _choose(catalogue)["vms"]
    assert choice.alternative.id == "beta-vms"
    assert "haven" not in [a.id for a in choice.candidates]


def test_structural_resources_are_configuration(small: Catalogue) -> None:
    resources = [_resource("AWS::EC2::LaunchTemplate", size=10**12), _resource("AWS::Nope::X")]
    mappings = map_resources(resources, small)
    assert mappings[0].structure is not None and not mappings[0].unmapped
    assert mappings[1].unmapped
    items = estimate(mappings, load_profile()).items
    assert items[0].strategy == CONFIGURATION
    assert items[0].rules == "E-STRUCT vm-parts"
    assert items[0].data_bytes == 0  # rebuilt, not copied
    assert items[0].effort.m == pytest.approx(0.02)
    assert items[1].effort.m > 10 * items[0].effort.m


def _overlay(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_an_overlay_adds_an_alternative_at_its_rank_and_sets_constraints(tmp_path: Path) -> None:
    folder, playbooks = write_catalogue(tmp_path)
    extra = _overlay(
        tmp_path,
        {
            "constraints": {"exclude_providers": ["beta"]},
            "categories": [{"id": "vms", "alternatives": [{**software("ours"), "rank": 1}]}],
            "providers": [{"id": "alpha", "exposure": ["eu", "eea"]}],
        },
    )
    catalogue = load_catalogue(folder, playbooks, overlays=[extra])
    assert [a.id for a in catalogue.categories["vms"].alternatives][:2] == ["ours", "beta-vms"]
    assert catalogue.providers["alpha"].exposure == [Exposure.EU, Exposure.EEA]
    assert catalogue.constraints.exclude_providers == ["beta"]
    choices = choose_all(catalogue.categories.values(), catalogue, catalogue.constraints)
    assert choices["files"].alternative.id == "ganesha"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"colours": []}, "an overlay is a mapping with the keys"),
        ({"categories": [{"id": "vms", "lock_in": "extreme"}]}, "categories 'vms': lock_in"),
        ({"categories": [{"id": "new", "name": "New"}]}, "categories 'new'"),
        ({"constraints": {"max_providers": 0}}, "constraints.max_providers"),
        (
            {"categories": [{"id": "vms", "alternatives": [managed("x", "nobody")]}]},
            "alternative 'x' names provider 'nobody'",
        ),
        (
            {"providers": [{**provider("new", exposure=["eu"]), "legal_entity": None}]},
            "'legal_entity' is needed, or 'uncertain' saying why",
        ),
        (
            {"providers": [{"id": "alpha", "exposure": []}]},
            "providers 'alpha': exposure",
        ),
        (
            {"categories": [{"id": "vms", "alternatives": [software("y", governance=None)]}]},
            "needs 'licence', 'governance', 'maintenance' and 'domains'",
        ),
    ],
)
def test_a_bad_overlay_names_the_file_and_entry(
    tmp_path: Path, data: dict[str, Any], expected: str
) -> None:
    folder, playbooks = write_catalogue(tmp_path)
    extra = _overlay(tmp_path, data)
    with pytest.raises(CatalogueError) as exc:
        load_catalogue(folder, playbooks, overlays=[extra])
    assert str(extra) in exc.value.message and expected in exc.value.message


def test_structural_moves_with_a_category(tmp_path: Path) -> None:
    content = default_content()
    content["structural"][0]["moves_with"] = "nowhere"
    with pytest.raises(CatalogueError, match="'moves_with' names 'nowhere'"):
        load_catalogue(*write_catalogue(tmp_path, content))


def test_a_child_holding_its_parents_data_carries_its_bytes(tmp_path: Path) -> None:
    content = default_content()
    content["structural"][0]["data_bearing"] = True
    catalogue = load_catalogue(*write_catalogue(tmp_path, content))
    mappings = map_resources([_resource("AWS::EC2::LaunchTemplate", size=2**40)], catalogue)
    (item,) = estimate(mappings, load_profile()).items
    assert item.strategy == CONFIGURATION and item.data_bytes == 2**40
    assert item.rules == "E-STRUCT vm-parts + E-DATA 1.00 TiB"
