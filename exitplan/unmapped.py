"""A suggested direction for each resource type the catalogue has no alternative for:
retain, retire, rebuild or buy, with the questions that settle it. The rules are data, read
in order; the first whose conditions all hold gives the suggestion, and the last holds for
everything, so a suggestion always names the rule and the facts behind it. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import N_, _
from .model import Resource
from .planning import CRITICALITY_ORDER, UnmappedType, criticality

# A hint of what kind of service a native type is, from words in its name.
HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("specialised", re.compile(r"iot|twin|robo|ground ?station|braket|quantum|media|gamelift|"
                               r"contact|connect|location|maps|healthcare|genomic", re.I)),
    ("analytics", re.compile(r"analytic|insight|quicksight|lookout|forecast|personali[sz]e|"
                             r"machinelearning|sagemaker|cognitive|ml\b|\bai\b", re.I)),
    ("data", re.compile(r"stor|database|db|sql|table|lake|warehouse|backup|vault|archive|"
                        r"cache|ledger|timestream", re.I)),
)  # fmt: skip
_NON_PRODUCTION = frozenset(
    {"dev", "development", "test", "testing", "tst", "ont", "ontwikkeling", "acc", "acceptance",
     "acceptatie", "sandbox", "staging", "stg", "qa", "demo", "poc"}
)  # fmt: skip


@dataclass(frozen=True)
class Facts:
    """What the rules can test about one unmapped type."""

    hint: str | None  # the first of HINTS whose pattern its name matches
    holds_data: bool  # a resource of it has a size above zero, or the hint is "data"
    criticality: str  # the highest of its resources (planning.CRITICALITY_ORDER)
    used: bool  # another resource in the inventory names one of it in its relations
    non_production: bool  # every resource of it is tagged as a non-production environment


@dataclass(frozen=True)
class Rule:
    id: str
    direction: str  # retain, retire, rebuild or buy
    reason: str  # marked N_
    questions: tuple[str, ...]  # marked N_
    hint: tuple[str, ...] = ()  # any of these; empty: any hint or none
    holds_data: bool | None = None
    criticality: tuple[str, ...] = ()
    used: bool | None = None
    non_production: bool | None = None

    def holds(self, facts: Facts) -> bool:
        return (
            (not self.hint or facts.hint in self.hint)
            and self.holds_data in (None, facts.holds_data)
            and (not self.criticality or facts.criticality in self.criticality)
            and self.used in (None, facts.used)
            and self.non_production in (None, facts.non_production)
        )


DIRECTIONS = {
    "retain": N_("retain"),
    "retire": N_("retire"),
    "rebuild": N_("rebuild"),
    "buy": N_("buy"),
}
_OWNER_QUESTION = N_("Who owns it, and who decides?")
RULES: tuple[Rule, ...] = (
    Rule(
        "U-IDLE",
        "retire",
        N_("nothing uses it, it holds no data, and it runs outside production"),
        (
            N_("Does anyone still use it (access logs, last change)?"),
            N_("Can it be deleted now, before the migration starts?"),
            _OWNER_QUESTION,
        ),
        holds_data=False,
        used=False,
        non_production=True,
    ),
    Rule(
        "U-SPECIALISED",
        "buy",
        N_(
            "a specialised service: a European product or SaaS usually does this better than "
            "a rebuild"
        ),
        (
            N_("Which European products offer it, and do they meet the requirements?"),
            N_("In what format can its data and configuration be exported?"),
            N_("What would it cost to buy compared to rebuilding it?"),
            _OWNER_QUESTION,
        ),
        hint=("specialised", "analytics"),
    ),
    Rule(
        "U-CRITICAL-DATA",
        "retain",
        N_(
            "it holds data of a critical workload: keep it until a target is chosen and "
            "tested, with the risk accepted in writing"
        ),
        (
            N_("Which target could take its data, and how is the data exported?"),
            N_("Until when is retaining it acceptable, and who accepts the risk?"),
            N_("What does the exit strategy say if the provider must be left at once?"),
        ),
        holds_data=True,
        criticality=("high",),
    ),
    Rule(
        "U-USED",
        "rebuild",
        N_("other resources use it: its function must exist on the target when they move"),
        (
            N_("What does it do for the resources that use it?"),
            N_("Which open-source component or target service can do the same?"),
            N_("Which workloads' waves must it be ready for?"),
        ),
        used=True,
    ),
    Rule(
        "U-DATA",
        "rebuild",
        N_("it holds data that must move with it"),
        (
            N_("Is the data still needed, and for how long must it be kept?"),
            N_("Which target stores it, and in what format is it exported?"),
            _OWNER_QUESTION,
        ),
        holds_data=True,
    ),
    Rule(
        "U-UNUSED",
        "retire",
        N_("nothing in the inventory uses it and it holds no known data"),
        (
            N_("Does anyone still use it (access logs, last change, costs)?"),
            N_("Is it used from outside the inventory (another account, a partner)?"),
            _OWNER_QUESTION,
        ),
        used=False,
        holds_data=False,
    ),
    # Always holds: what is left is said to be undecided, not quietly given a default.
    Rule(
        "U-OPEN",
        "retain",
        N_("no rule above fits what the inventory says about it: keep it until decided"),
        (
            N_("What does it do, and for which workloads?"),
            N_("Retire, rebuild or buy: which is cheapest at acceptable risk?"),
            _OWNER_QUESTION,
        ),
    ),
)


@dataclass(frozen=True)
class Direction:
    unmapped: UnmappedType
    facts: Facts
    rule: Rule

    @property
    def direction(self) -> str:
        return self.rule.direction

    @property
    def shown(self) -> str:
        return _(DIRECTIONS[self.rule.direction])

    @property
    def reason(self) -> str:
        return _(self.rule.reason)

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(_(q) for q in self.rule.questions)


def facts_of(unmapped: UnmappedType, used_ids: frozenset[str]) -> Facts:
    resources = unmapped.resources
    levels = {criticality(r) for r in resources}
    hint = next((name for name, pattern in HINTS if pattern.search(unmapped.type)), None)
    return Facts(
        hint=hint,
        # A size above zero, or a type named as a store whose size the source did not give.
        holds_data=hint == "data" or any(r.size_bytes > 0 for r in resources),
        criticality=next((c for c in CRITICALITY_ORDER if c in levels), "not tagged"),
        used=any(r.id in used_ids for r in resources),
        non_production=all(
            r.tags.get("environment", "").strip().lower() in _NON_PRODUCTION for r in resources
        ),
    )


def referenced(resources: Iterable[Resource]) -> frozenset[str]:
    """Every id that some resource names in its relations."""
    return frozenset(
        other for r in resources if r.relations for ids in r.relations.values() for other in ids
    )


def suggest(
    unmapped: Iterable[UnmappedType], resources: Iterable[Resource]
) -> tuple[Direction, ...]:
    used_ids = referenced(resources)
    found = []
    for entry in unmapped:
        facts = facts_of(entry, used_ids)
        rule = next(rule for rule in RULES if rule.holds(facts))
        found.append(Direction(entry, facts, rule))
    return tuple(found)
