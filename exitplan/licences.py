"""Licences that travel or must be bought at the target (rule E-LICENCE): which resources
run licensed software (Windows Server, SQL Server, Oracle), read from the attributes the
connectors keep, and the cost basis at the source. The products and their words are data
in the effort profile. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .i18n import N_, _
from .mapping import Mapping
from .model import Resource
from .profile import Basis, LicenceRule, Profile

# What a source states of a licence model (RDS's LicenseModel, as a CSV or a later import
# may carry it).
_MODELS: dict[str, Basis] = {
    "license-included": "included",
    "bring-your-own-license": "own",
}


@dataclass(frozen=True, slots=True)
class Licence:
    resource: Resource
    id: str  # the profile's key for the product
    rule: LicenceRule
    shown_by: str  # the attribute and value it was found in
    basis: Basis


def _found(words: dict[str, list[str]], resource: Resource) -> str | None:
    for name, wanted in sorted(words.items()):
        value = resource.attributes.get(name)
        if isinstance(value, str):
            lowered = value.lower()
            if any(word.lower() in lowered for word in wanted):
                return f"{name}={value}"
    return None


def _basis(resource: Resource, rule: LicenceRule) -> Basis:
    model = resource.attributes.get("license_model")
    if isinstance(model, str) and model.lower() in _MODELS:
        return _MODELS[model.lower()]
    platform = resource.attributes.get("platform")
    if isinstance(platform, str) and "byol" in platform.lower():
        return "own"
    if _found(rule.own_when, resource):
        return "own"
    return rule.basis.get(resource.provider, rule.basis["default"])


def licence_words(profile: Profile) -> frozenset[str]:
    """The attributes any licence rule reads: a resource with none of them runs no
    licensed product the profile names, which one look at its attributes shows."""
    return frozenset(name for rule in profile.licences.values() for name in rule.match)


def licences_of(mapping: Mapping, profile: Profile) -> list[Licence]:
    """Each licensed product the resource runs. Configuration (a parameter group, an Azure
    SQL logical server) carries none of its own."""
    if mapping.structure is not None:
        return []
    resource = mapping.resource
    found = []
    for ident, rule in sorted(profile.licences.items()):
        shown_by = _found(rule.match, resource)
        if shown_by is not None:
            found.append(Licence(resource, ident, rule, shown_by, _basis(resource, rule)))
    return found


_BASIS = {
    "included": N_("in the source's price: the licence stays behind"),
    "own": N_("bring-your-own: the licence travels under its terms"),
    "unrecorded": N_("not recorded in the inventory: check the contract"),
}
EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class LicenceGroup:
    """The resources that run one product on one cost basis, for the plan's table."""

    id: str
    rule: LicenceRule
    basis: Basis
    basis_text: str
    count: int
    examples: tuple[str, ...]  # the first resources' ids


def grouped(licences: Sequence[Licence]) -> tuple[LicenceGroup, ...]:
    by: dict[tuple[str, Basis], list[Licence]] = {}
    for licence in licences:
        by.setdefault((licence.id, licence.basis), []).append(licence)
    return tuple(
        LicenceGroup(
            ident,
            found[0].rule,
            basis,
            _(_BASIS[basis]),
            len(found),
            tuple(f.resource.id for f in found[:EXAMPLES]),
        )
        for (ident, basis), found in sorted(by.items())
    )
