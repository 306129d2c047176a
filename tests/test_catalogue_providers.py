"""The shipped providers state the facts a board relies on (who controls them, which legal
orders can compel them, which certificates they hold) so that constraints can use them.
Their sources and dates are checked with every entry's in test_catalogue_sources.py; the
fields every provider must have are the model's to enforce."""

from __future__ import annotations

from exitplan.catalogue import Catalogue, Constraints, Exposure
from exitplan.constraints import choose_all


def test_a_provider_controlled_from_mexico_is_exposed_outside_europe(catalogue: Catalogue) -> None:
    exoscale = catalogue.providers["exoscale"]
    assert exoscale.controlling_owner is not None
    assert exoscale.controlling_owner.country == "MX"
    assert {Exposure.CH, Exposure.OTHER} <= set(exoscale.exposure)


def test_scaleway_meets_an_iso_27001_requirement(catalogue: Catalogue) -> None:
    scaleway = [
        alt.id
        for category in catalogue.categories.values()
        for alt in category.alternatives
        if alt.provider == "scaleway"
    ]
    assert scaleway
    choices = choose_all(
        catalogue.categories.values(),
        catalogue,
        Constraints(require_certifications=["ISO/IEC 27001"]),
    )
    refused = [
        e.alternative.id
        for choice in choices.values()
        for e in choice.excluded
        if e.alternative.provider == "scaleway"
    ]
    assert refused == []
