"""Each risk of the table appears when its condition holds and only then. A risk added to
the table without a case here fails `test_risk_appears` and `test_risk_absent`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from exitplan.catalogue import Catalogue
from exitplan.estimate import Transfer
from exitplan.inventory import load_inventories
from exitplan.model import Gap
from exitplan.pipeline import make_plan
from exitplan.planning import PlanMeta, Workload
from exitplan.profile import Profile
from exitplan.risks import RULES, Facts, assess
from exitplan.sample import sample_path
from exitplan.threepoint import ThreePoint, total

Change = Callable[[Facts], Facts]


@pytest.fixture(scope="module")
def quiet(catalogue: Catalogue, profile: Profile) -> Facts:
    """The sample's plan with everything that raises a risk taken out."""
    plan = make_plan(load_inventories([sample_path()]), catalogue, profile, PlanMeta())
    still = Transfer(0, ThreePoint(0, 0, 0))
    return Facts((), (), (), (), dataclasses.replace(plan.estimate, transfer=still))


def _workload(name: str, criticality: str, owners: tuple[str, ...], wave: int) -> Workload:
    return Workload(
        name, "application tag", criticality, owners, (), ("aws",), 1, 0, (), 0, total([]), wave
    )


def _with_workload(workload: Workload) -> Change:
    return lambda f: dataclasses.replace(f, workloads=(*f.workloads, workload))


def _without(drop: Callable[[Workload], bool]) -> Change:
    return lambda f: dataclasses.replace(f, workloads=tuple(w for w in f.workloads if not drop(w)))


def _gaps(f: Facts) -> Facts:
    gap = {"provider": "aws", "scope": "111111111111", "service": "s3", "message": "denied"}
    gaps = (
        Gap(**gap, region="eu-west-1", code="AccessDenied"),
        Gap(**gap, region="eu-west-1", code="Throttling"),
        Gap(**gap, region="eu-central-1", code="AccessDenied"),
    )
    return dataclasses.replace(f, gaps=gaps)


def _unmapped(f: Facts) -> Facts:
    # The sample's unmapped resource plus a mapped one of another type stripped of its
    # choice: two of two types, however many the growing catalogue still leaves unmapped.
    items = f.estimate.items
    first = next(i for i in items if i.mapping.unmapped)
    other = next(
        i
        for i in items
        if i.mapping.choice is not None and i.mapping.resource.type != first.mapping.resource.type
    )
    stripped = dataclasses.replace(other, mapping=dataclasses.replace(other.mapping, choice=None))
    unmapped = (first, stripped)
    return dataclasses.replace(f, items=(*f.items, *unmapped), unmapped=unmapped)


def _refactor(f: Facts) -> Facts:
    refactor = [i for i in f.estimate.items if i.strategy == "refactor"][:1]
    return dataclasses.replace(f, items=(*f.items, *refactor))


def _no_refactor(f: Facts) -> Facts:
    return dataclasses.replace(f, items=tuple(i for i in f.items if i.strategy != "refactor"))


def _transfer(likely_days: float) -> Change:
    days = ThreePoint(likely_days * 0.8, likely_days, likely_days * 2.3)
    moved = Transfer(5 * 1024**4, days)
    return lambda f: dataclasses.replace(
        f, estimate=dataclasses.replace(f.estimate, transfer=moved)
    )


# id -> (the change that raises it from a quiet estate, the detail it then reads)
APPEARS: dict[str, tuple[Change, str]] = {
    "R-GAPS": (
        _gaps,
        "3 scan gap(s) in 2 scope(s); resources there are not in this plan.",
    ),
    "R-UNMAPPED": (
        _unmapped,
        "2 resource(s) of 2 type(s) have no alternative in the catalogue; their effort is "
        "estimated as unknown (E-UNKNOWN) and dominates the uncertainty.",
    ),
    "R-REFACTOR": (
        _refactor,
        "The chosen alternatives speak a different interface for Cloud contact centre (1).",
    ),
    "R-DATA": (
        _transfer(7),
        "5.0 TiB must move; at 1000 Mbit/s that takes 6 to 16 days (E-TRANSFER).",
    ),
    "R-UNTAGGED": (
        _with_workload(_workload("shop", "not tagged", ("ops",), 2)),
        "1 workload(s) carry no 'criticality' tag; they were placed in wave 2.",
    ),
    "R-OWNER": (
        _with_workload(_workload("shop", "low", (), 1)),
        "1 workload(s) have no 'owner' tag, so nobody is named to carry out their exit.",
    ),
    "R-CRITICAL": (
        _with_workload(_workload("ledger {names}", "high", ("ops",), 3)),
        "1 workload(s) are tagged high criticality (ledger {names}).",
    ),
}

# id -> the change that takes it away again from an estate where every risk arises
ABSENT: dict[str, Change] = {
    "R-GAPS": lambda f: dataclasses.replace(f, gaps=()),
    "R-UNMAPPED": lambda f: dataclasses.replace(f, unmapped=()),
    "R-REFACTOR": _no_refactor,
    "R-DATA": _transfer(6.99),
    "R-UNTAGGED": _without(lambda w: w.criticality == "not tagged"),
    "R-OWNER": _without(lambda w: not w.owners),
    "R-CRITICAL": _without(lambda w: w.criticality == "high"),
}

IDS = [rule.id for rule in RULES]


def _everything(quiet: Facts) -> Facts:
    facts = quiet
    for change, _ in APPEARS.values():
        facts = change(facts)
    return facts


def test_ids_are_stable_names_listed_once() -> None:
    assert len(set(IDS)) == len(IDS)
    assert all(re.fullmatch(r"R-[A-Z]+", i) for i in IDS)


def test_a_quiet_estate_has_no_risks(quiet: Facts) -> None:
    assert assess(quiet) == ()


@pytest.mark.parametrize("risk_id", IDS)
def test_risk_appears(risk_id: str, quiet: Facts) -> None:
    change, detail = APPEARS[risk_id]
    risks = assess(change(quiet))
    assert [r.id for r in risks] == [risk_id]
    assert risks[0].detail == detail


@pytest.mark.parametrize("risk_id", IDS)
def test_risk_absent(risk_id: str, quiet: Facts) -> None:
    risks = assess(ABSENT[risk_id](_everything(quiet)))
    assert [r.id for r in risks] == [i for i in IDS if i != risk_id]


def test_risks_come_in_the_table_order(quiet: Facts) -> None:
    assert [r.id for r in assess(_everything(quiet))] == IDS
