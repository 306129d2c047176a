"""The risks a plan derives from the estate: each risk defined once, with the check that
finds it beside its texts. A check reads the facts it needs and returns the values its
texts name ({gaps}, {names}, ...), or None where the risk does not arise; `assess` runs
every check once per plan, in the table's order, which is the order the plan lists them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .estimate import Estimate, ItemEstimate
from .i18n import N_, _, number
from .model import Gap

if TYPE_CHECKING:  # planning builds the workloads and imports this module
    from .planning import Workload

Impact = Literal["high", "medium", "low"]
Values = Mapping[str, object]


@dataclass(frozen=True)
class Risk:
    id: str
    title: str
    detail: str
    impact: str
    mitigation: str


@dataclass(frozen=True)
class Facts:
    """What the checks read: the plan's parts that are built before its risks."""

    gaps: Sequence[Gap]
    items: Sequence[ItemEstimate]
    unmapped: Sequence[ItemEstimate]  # the items without an alternative
    workloads: Sequence[Workload]
    estimate: Estimate


@dataclass(frozen=True)
class RiskRule:
    id: str  # stable: people refer to it in accepted-risk notes
    title: str
    impact: Impact
    detail: str  # with {placeholders} that `check` fills
    mitigation: str
    check: Callable[[Facts], Values | None]

    def risk(self, values: Values) -> Risk:
        # Only our own texts are templates; the values (workload names from tags among
        # them) are inserted as they are, never read as a template themselves. The
        # texts are marked N_ where they are defined and translated here.
        return Risk(
            self.id,
            _(self.title),
            _(self.detail).format_map(values),
            self.impact,
            _(self.mitigation).format_map(values),
        )


def _gaps(facts: Facts) -> Values | None:
    if not facts.gaps:
        return None
    scopes = len({(g.provider, g.scope, g.region) for g in facts.gaps})
    return {"gaps": len(facts.gaps), "scopes": scopes}


GAPS = RiskRule(
    "R-GAPS",
    N_("The inventory is incomplete"),
    "high",
    N_("{gaps} scan gap(s) in {scopes} scope(s); resources there are not in this plan."),
    N_(
        "Grant the missing read permissions or enable the regions named under Coverage gaps, "
        "rescan, and regenerate this plan before approval."
    ),
    _gaps,
)


def _unmapped(facts: Facts) -> Values | None:
    if not facts.unmapped:
        return None
    types = {(i.mapping.resource.provider, i.mapping.resource.type) for i in facts.unmapped}
    return {"resources": len(facts.unmapped), "types": len(types)}


UNMAPPED = RiskRule(
    "R-UNMAPPED",
    N_("Services without a known alternative"),
    "high",
    N_(
        "{resources} resource(s) of {types} type(s) have no alternative in the catalogue; their "
        "effort is estimated as unknown (E-UNKNOWN) and dominates the uncertainty."
    ),
    N_(
        "Decide per type whether to retain (with a documented risk acceptance), repurchase, "
        "rebuild or retire it; record the decision and extend the catalogue."
    ),
    _unmapped,
)


def _refactor(facts: Facts) -> Values | None:
    categories = Counter(
        i.mapping.choice.category.name
        for i in facts.items
        if i.strategy == "refactor" and i.mapping.choice
    )
    if not categories:
        return None
    return {"categories": ", ".join(f"{name} ({n})" for name, n in sorted(categories.items()))}


REFACTOR = RiskRule(
    "R-REFACTOR",
    N_("Proprietary services need application changes"),
    "medium",
    N_("The chosen alternatives speak a different interface for {categories}."),
    N_(
        "Start the refactoring in the pilot wave behind an abstraction layer; test against the "
        "target before the data moves."
    ),
    _refactor,
)

DATA_DAYS = 7  # a transfer likely to take this many days or more is a risk of its own


def _data(facts: Facts) -> Values | None:
    transfer = facts.estimate.transfer
    if transfer.days.m < DATA_DAYS:
        return None
    return {
        "tib": number(f"{transfer.bytes / 1024**4:,.1f} TiB"),
        "mbps": facts.estimate.profile.bandwidth_mbps,
        "fastest": transfer.days.o,
        "slowest": transfer.days.p,
    }


DATA = RiskRule(
    "R-DATA",
    N_("Moving the data takes days to weeks"),
    "medium",
    N_(
        "{tib} must move; at {mbps:g} Mbit/s that takes {fastest:.0f} to {slowest:.0f} days "
        "(E-TRANSFER)."
    ),
    N_(
        "Start with an initial bulk copy and incremental syncs; agree the Data Act data retrieval "
        "period (at least 30 days) with the provider; consider a faster link."
    ),
    _data,
)


def _untagged(facts: Facts) -> Values | None:
    untagged = [w for w in facts.workloads if w.criticality == "not tagged"]
    if not untagged:
        return None
    waves = ", ".join(str(n) for n in sorted({w.wave for w in untagged}))
    return {"workloads": len(untagged), "waves": waves}


UNTAGGED = RiskRule(
    "R-UNTAGGED",
    N_("Workloads without a criticality"),
    "low",
    N_("{workloads} workload(s) carry no 'criticality' tag; they were placed in wave {waves}."),
    N_(
        "Tag every resource with application, owner, environment and criticality, then "
        "regenerate the plan."
    ),
    _untagged,
)


def _owner(facts: Facts) -> Values | None:
    nobody = sum(1 for w in facts.workloads if not w.owners)
    return {"workloads": nobody} if nobody else None


OWNER = RiskRule(
    "R-OWNER",
    N_("Workloads without an owner"),
    "medium",
    N_("{workloads} workload(s) have no 'owner' tag, so nobody is named to carry out their exit."),
    N_("Name an owner per workload in the tags or in this plan's roles section."),
    _owner,
)


def _critical(facts: Facts) -> Values | None:
    critical = [w.name for w in facts.workloads if w.criticality == "high"]
    if not critical:
        return None
    return {"workloads": len(critical), "names": ", ".join(critical)}


CRITICAL = RiskRule(
    "R-CRITICAL",
    N_("Critical functions must not be disrupted"),
    "high",
    N_("{workloads} workload(s) are tagged high criticality ({names})."),
    N_(
        "Run old and new in parallel, rehearse the cut-over and the fall-back, and keep the "
        "source contract until success criteria are met."
    ),
    _critical,
)

RULES = (GAPS, UNMAPPED, REFACTOR, DATA, UNTAGGED, OWNER, CRITICAL)


def assess(facts: Facts) -> tuple[Risk, ...]:
    risks = []
    for rule in RULES:
        values = rule.check(facts)
        if values is not None:
            risks.append(rule.risk(values))
    return tuple(risks)
