"""The plans held against the estate an inventory shows: which critical workloads and
accounts a plan covers, which none does, what the plans do not name, and where a scan
gap leaves coverage unknown. A plan covers what its front matter lists under `covers:`
(workloads, accounts, providers), or what its text names: a workload's name or an
account's id, as a whole word. Pure: read plans and an inventory in, findings out.

A scan gap is never read as coverage: an account the scan could not read fully may hold
critical workloads no one has seen, so it is reported as unknown."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..i18n import N_
from ..model import Inventory, Resource
from ..planning import workload_of
from ..requirements import Requirements, load_requirements
from .document import PlanDocument
from .findings import Finding, Hit, Rule, sources_of
from .policy import Critical

# A workload is only one the plans can name when its name was given to it (an
# application tag or a resource group), not made up from its account.
_NAMED = ("application tag", "resource group")


@dataclass(frozen=True)
class Unit:
    """A critical workload or account, and how many resources the inventory has of it."""

    kind: str  # "workload" or "account"
    name: str
    provider: str
    resources: int


@dataclass(frozen=True)
class EstateSubject:
    units: tuple[Unit, ...]
    covering: tuple[tuple[Unit, tuple[str, ...]], ...]  # each unit and the plans covering it
    gaps: tuple[tuple[str, str, int], ...]  # (provider, account, gaps) the scan left
    unnamed: tuple[tuple[str, str, int], ...]  # (plan, workload, resources) not named
    counts: tuple[tuple[str, int, int], ...]  # (plan, resources in plan.json, in estate)


def critical_units(inventory: Inventory, critical: Critical) -> tuple[Unit, ...]:
    """The critical workloads and accounts: as the policy names them, by name or tag; with
    none named, every account of the inventory, since each needs an exit plan."""
    workloads: Counter[tuple[str, str]] = Counter()
    accounts: Counter[tuple[str, str]] = Counter()
    wanted = set(critical.workloads)
    tag = critical.tag
    for resource in inventory.resources:
        name, _how = workload_of(resource)
        tagged = tag is not None and resource.tags.get(tag.key) == tag.value
        if name in wanted or tagged:
            workloads[(name, resource.provider)] += 1
        accounts[(resource.account, resource.provider)] += 1
    named_accounts = set(critical.accounts)
    if not (wanted or tag or named_accounts):
        named_accounts = {account for account, _provider in accounts}
    units = [Unit("workload", n, p, c) for (n, p), c in sorted(workloads.items())]
    units += [Unit("workload", n, "", 0) for n in sorted(wanted - {n for n, _p in workloads})]
    units += [
        Unit("account", a, p, c) for (a, p), c in sorted(accounts.items()) if a in named_accounts
    ]
    units += [Unit("account", a, "", 0) for a in sorted(named_accounts - {a for a, _p in accounts})]
    return tuple(units)


def _text(document: PlanDocument) -> str:
    parts = [s.heading + "\n" + s.text for s in document.sections]
    parts += [
        "\n".join(" | ".join(row) for row in t.rows) for s in document.sections for t in s.tables
    ]
    return "\n".join(parts)


def _names(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE) is not None


def _covers(document: PlanDocument, text: str, unit: Unit) -> bool:
    front = document.front_matter or {}
    covers = front.get("covers")
    if isinstance(covers, dict):
        listed = [str(v) for v in covers.get(f"{unit.kind}s") or []]
        if unit.name in listed:
            return True
        # A provider alone stands for all its accounts, unless accounts are listed.
        providers = [str(v) for v in covers.get("providers") or []]
        if unit.kind == "account" and unit.provider in providers and not covers.get("accounts"):
            return True
    elif isinstance(covers, list) and unit.name in [str(v) for v in covers]:
        return True
    return _names(text, unit.name)


def estate_subject(
    documents: Sequence[PlanDocument], inventory: Inventory, critical: Critical
) -> EstateSubject:
    units = critical_units(inventory, critical)
    texts = {str(d.path): _text(d) for d in documents}
    covering = tuple(
        (unit, tuple(str(d.path) for d in documents if _covers(d, texts[str(d.path)], unit)))
        for unit in units
    )
    gaps = Counter((g.provider, g.scope) for g in inventory.gaps)
    unnamed = []
    counts = []
    for document in documents:
        plan = str(document.path)
        text = texts[plan]
        held = [r for r in inventory.resources if _covers(document, text, _account(r))]
        by_workload = Counter(workload_of(r)[0] for r in held if workload_of(r)[1] in _NAMED)
        unnamed += [(plan, w, c) for w, c in sorted(by_workload.items()) if not _names(text, w)]
        recorded = document.front_matter is not None and document.format == "exitplan-json"
        total = _recorded_resources(document) if recorded else None
        if total is not None and len(held) > total:
            counts.append((plan, total, len(held)))
    return EstateSubject(
        units,
        covering,
        tuple((p, a, c) for (p, a), c in sorted(gaps.items())),
        tuple(unnamed),
        tuple(counts),
    )


def _account(resource: Resource) -> Unit:
    return Unit("account", resource.account, resource.provider, 1)


def _recorded_resources(document: PlanDocument) -> int | None:
    section = next((s for s in document.sections if s.heading == "resources"), None)
    return int(section.text) if section is not None and section.text.isdigit() else None


def _uncovered(subject: EstateSubject) -> Iterator[Hit]:
    gapped = {account for _p, account, _c in subject.gaps}
    for unit, plans in subject.covering:
        if not plans and unit.name not in gapped:
            yield Hit(_unit_values(unit), about=f"{unit.kind}:{unit.name}")


def _unknown(subject: EstateSubject) -> Iterator[Hit]:
    for provider, account, count in subject.gaps:
        yield Hit({"provider": provider, "account": account, "count": count}, about=account)


def _unnamed(subject: EstateSubject) -> Iterator[Hit]:
    for plan, workload, count in subject.unnamed:
        yield Hit({"plan": plan, "workload": workload, "count": count}, about=workload)


def _counts(subject: EstateSubject) -> Iterator[Hit]:
    for plan, recorded, found in subject.counts:
        yield Hit({"plan": plan, "recorded": recorded, "found": found})


def _unit_values(unit: Unit) -> dict[str, object]:
    return {"kind": unit.kind, "name": unit.name, "count": unit.resources}


ESTATE_RULES = (
    Rule(
        "E-UNCOVERED",
        "high",
        N_("A critical workload or account is covered by no plan"),
        N_("{kind} {name} ({count} resources) is named by no plan"),
        (),
        _uncovered,
    ),
    Rule(
        "E-COVERAGE-UNKNOWN",
        "medium",
        N_("The scan left a gap: coverage is unknown"),
        N_(
            "{provider} {account}: {count} scan gaps; what is there, and whether a plan "
            "covers it, is unknown"
        ),
        (),
        _unknown,
    ),
    Rule(
        "E-DRIFT-WORKLOAD",
        "low",
        N_("The estate holds a workload the plan does not name"),
        N_("workload {workload} ({count} resources) in an account the plan covers"),
        (),
        _unnamed,
    ),
    Rule(
        "E-DRIFT-COUNT",
        "medium",
        N_("The estate has more resources than the plan was made from"),
        N_("the plan counts {recorded} resources; the inventory holds {found} in its accounts"),
        (),
        _counts,
    ),
)


def audit_estate(
    documents: Sequence[PlanDocument],
    inventory: Inventory,
    inventory_name: str,
    critical: Critical,
    frameworks: Sequence[str],
    requirements: Requirements | None = None,
) -> tuple[Finding, ...]:
    """Every estate rule once: coverage findings are the inventory's, drift the plan's."""
    requirements = requirements or load_requirements()
    subject = estate_subject(documents, inventory, critical)
    findings = []
    for rule in ESTATE_RULES:
        for hit in rule.check(subject):
            plan = str(hit.values.get("plan", inventory_name))
            sources = sources_of(requirements, frameworks, rule, None)
            findings.append(rule.finding(plan, hit, sources))
    return tuple(findings)
