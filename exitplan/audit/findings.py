"""What an audit finds in a plan: the rules, each defined once beside its texts as the
governance checks are, and the one engine that runs them all on each plan. Pure: a read
plan, the policy's numbers and a fixed day in, findings out; the same inputs give the
same findings on any day they are run.

Each rule cites the requirements of the selected frameworks it stands for: a part of the
plan by the plan sections that requirement is answered in (plan-parts.yaml `answers:`),
a named person or a date by what the requirement needs recorded (`needs:`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..i18n import N_, _
from ..requirements import Requirements, load_requirements
from ..schedule import add_months
from .document import Fact, PlanDocument
from .parts import PartsReport, parts_of
from .vocabulary import Part, Vocabulary

Severity = Literal["info", "low", "medium", "high"]
SEVERITIES: tuple[Severity, ...] = ("info", "low", "medium", "high")
SEVERITY_LABELS = (N_("info"), N_("low"), N_("medium"), N_("high"))
DEFAULT_INTERVAL_MONTHS = 12
# The names of the parts in exitplan/data/plan-parts.yaml, for the catalogues: a finding
# names a part in the language of the run (tests/test_audit_findings.py checks the list).
PART_NAMES = (
    N_("Scope and critical functions"), N_("Exit triggers"), N_("Alternatives"),
    N_("Transition plan"), N_("Data retrieval and erasure"), N_("Roles and responsibilities"),
    N_("Testing the plan"), N_("Review and approval"), N_("Costs and resources"),
    N_("Business continuity link"),
)  # fmt: skip
# A quote from a plan stops here: evidence points at the place, it does not copy it.
QUOTE_CHARS = 120


@dataclass(frozen=True)
class Source:
    """A requirement a rule stands for, and where its text is."""

    requirement: str
    url: str


@dataclass(frozen=True)
class Finding:
    id: str  # the rule's, with what it is about where a rule finds several ("A-PART-MISSING:data")
    rule: str
    severity: Severity
    plan: str  # the plan's path as given
    section: str | None  # the heading it is under; None: the plan as a whole
    position: int | None  # line (Markdown, plan.json) or paragraph (Word)
    title: str
    evidence: str  # a short quote from the plan, or what is missing
    sources: tuple[Source, ...]

    def at_least(self, severity: Severity) -> bool:
        return SEVERITIES.index(self.severity) >= SEVERITIES.index(severity)


@dataclass(frozen=True)
class Subject:
    """What the rules read about one plan."""

    document: PlanDocument
    parts: PartsReport
    as_of: dt.date
    interval_months: int
    estate: dt.date | None  # the day of the estate the plan covers, if known
    estate_text: str  # where that day comes from, for the evidence

    def latest(self, role: str) -> Fact | None:
        dated = [f for f in self.document.facts_of("date", role) if f.date is not None]
        return max(dated, key=lambda f: (f.date, f.position or 0), default=None)

    def named(self, role: str) -> Fact | None:
        return next(iter(self.document.facts_of("name", role)), None)


@dataclass(frozen=True)
class Hit:
    """One thing a rule found: the values for its texts, where, and what it is about."""

    values: Mapping[str, object]
    section: str | None = None
    position: int | None = None
    about: str | None = None
    part: Part | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str  # marked N_, as every text here
    evidence: str  # with {placeholders} that the check fills
    needs: tuple[str, ...]  # requirement needs it stands for; a part's rules cite the part's
    check: Callable[[Any], Iterable[Hit]]  # a Subject, or the estate's for its rules

    def finding(self, plan: str, hit: Hit, sources: tuple[Source, ...]) -> Finding:
        # Only our own texts are templates; values from the plan go in as they are.
        return Finding(
            f"{self.id}:{hit.about}" if hit.about else self.id,
            self.id,
            self.severity,
            plan,
            hit.section,
            hit.position,
            _(self.title),
            _(self.evidence).format_map(hit.values),
            sources,
        )


def quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 1] + "\u2026"


def _part_missing(subject: Subject) -> Iterator[Hit]:
    for part in subject.parts.missing:
        yield Hit({"part": _(part.name)}, about=part.id, part=part)


def _part_empty(subject: Subject) -> Iterator[Hit]:
    for found in subject.parts.found:
        if found.empty:
            first = found.sections[0]
            values = {"part": _(found.part.name), "heading": quote(first.heading)}
            yield Hit(values, first.heading, first.position, found.part.id, found.part)


def _unnamed(role: str) -> Callable[[Subject], Iterator[Hit]]:
    def check(subject: Subject) -> Iterator[Hit]:
        if subject.named(role) is None:
            yield Hit({})

    return check


def _undated(role: str) -> Callable[[Subject], Iterator[Hit]]:
    def check(subject: Subject) -> Iterator[Hit]:
        if subject.latest(role) is None:
            yield Hit({})

    return check


def _overdue(role: str) -> Callable[[Subject], Iterator[Hit]]:
    def check(subject: Subject) -> Iterator[Hit]:
        last = subject.latest(role)
        if last is None or last.date is None:
            return
        due = add_months(last.date, subject.interval_months)
        if due < subject.as_of:
            values = {"text": quote(last.text), "due": due, "as_of": subject.as_of,
                      "months": subject.interval_months}  # fmt: skip
            yield Hit(values, last.section, last.position)

    return check


def _stale(role: str) -> Callable[[Subject], Iterator[Hit]]:
    def check(subject: Subject) -> Iterator[Hit]:
        last = subject.latest(role)
        if last is None or last.date is None or subject.estate is None:
            return
        if last.date < subject.estate:
            values = {"text": quote(last.text), "estate": subject.estate,
                      "source": subject.estate_text}  # fmt: skip
            yield Hit(values, last.section, last.position)

    return check


def _future(role: str) -> Callable[[Subject], Iterator[Hit]]:
    def check(subject: Subject) -> Iterator[Hit]:
        last = subject.latest(role)
        if last is not None and last.date is not None and last.date > subject.as_of:
            yield Hit({"text": quote(last.text), "as_of": subject.as_of}, last.section,
                      last.position)  # fmt: skip

    return check


def _estate_unknown(subject: Subject) -> Iterator[Hit]:
    if subject.estate is None:
        yield Hit({})


# In the order a report lists them within a plan.
RULES = (
    Rule(
        "A-PART-MISSING",
        "medium",
        N_("A part of the exit plan is missing"),
        N_("no section is {part}"),
        (),
        _part_missing,
    ),
    Rule(
        "A-PART-EMPTY",
        "medium",
        N_("A part of the exit plan is empty"),
        N_("\u201c{heading}\u201d holds nothing but placeholders"),
        (),
        _part_empty,
    ),
    Rule(
        "A-OWNER-UNNAMED",
        "medium",
        N_("The plan names no owner"),
        N_("no owner is named (Owner:, Eigenaar:)"),
        ("plan_owner",),
        _unnamed("owner"),
    ),
    Rule(
        "A-APPROVER-UNNAMED",
        "medium",
        N_("The plan names no approver"),
        N_("no approver is named (Approved by:, Goedgekeurd door:)"),
        ("approved_by",),
        _unnamed("approver"),
    ),
    Rule(
        "A-APPROVAL-UNDATED",
        "medium",
        N_("The plan's approval is not dated"),
        N_("no approval date is written (Approved on:, Goedgekeurd op:)"),
        ("approved_by",),
        _undated("approval"),
    ),
    Rule(
        "A-APPROVAL-OVERDUE",
        "medium",
        N_("The approval is overdue for review"),
        N_("approved {text}: due for review on {due}, before {as_of} ({months} months)"),
        ("approved_by",),
        _overdue("approval"),
    ),
    Rule(
        "A-APPROVAL-STALE",
        "medium",
        N_("The approval is older than the estate the plan covers"),
        N_("approved {text}, before the estate of {estate} ({source})"),
        ("approved_by",),
        _stale("approval"),
    ),
    Rule(
        "A-APPROVAL-FUTURE",
        "low",
        N_("The approval is dated after the day of the audit"),
        N_("approved {text}, after {as_of}"),
        (),
        _future("approval"),
    ),
    Rule(
        "A-TEST-UNDATED",
        "medium",
        N_("No test of the plan is dated"),
        N_("no test date is written (Last tested:, Laatst getest:)"),
        ("tests",),
        _undated("test"),
    ),
    Rule(
        "A-TEST-OVERDUE",
        "medium",
        N_("The last test of the plan is overdue"),
        N_("tested {text}: a new test was due on {due}, before {as_of} ({months} months)"),
        ("tests",),
        _overdue("test"),
    ),
    Rule(
        "A-TEST-STALE",
        "medium",
        N_("The last test is older than the estate the plan covers"),
        N_("tested {text}, before the estate of {estate} ({source})"),
        ("tests",),
        _stale("test"),
    ),
    Rule(
        "A-TEST-FUTURE",
        "low",
        N_("The last test is dated after the day of the audit"),
        N_("tested {text}, after {as_of}"),
        (),
        _future("test"),
    ),
    Rule(
        "A-ESTATE-UNDATED",
        "info",
        N_("The plan does not say what day its estate is of"),
        N_("no inventory date is written (Inventory as of:, Peildatum:); give --inventory"),
        (),
        _estate_unknown,
    ),
)


@dataclass(frozen=True)
class Settings:
    """What the policy and the command line set for every plan."""

    as_of: dt.date
    frameworks: tuple[str, ...]
    interval_months: int = DEFAULT_INTERVAL_MONTHS
    estate: dt.date | None = None  # an inventory's scan day: it overrides the plan's own


def audit_plan(
    document: PlanDocument,
    vocabulary: Vocabulary,
    settings: Settings,
    requirements: Requirements | None = None,
) -> tuple[Finding, ...]:
    """Every rule on one plan, in the order of RULES."""
    requirements = requirements or load_requirements()
    estate, estate_text = _estate(document, settings)
    subject = Subject(
        document, parts_of(document, vocabulary), settings.as_of, settings.interval_months,
        estate, estate_text,
    )  # fmt: skip
    findings = []
    for rule in RULES:
        for hit in rule.check(subject):
            sources = sources_of(requirements, settings.frameworks, rule, hit.part)
            findings.append(rule.finding(str(document.path), hit, sources))
    return tuple(findings)


def _estate(document: PlanDocument, settings: Settings) -> tuple[dt.date | None, str]:
    if settings.estate is not None:
        return settings.estate, _("the inventory's scan")
    dated = [f for f in document.facts_of("date", "estate") if f.date is not None]
    latest = max(dated, key=lambda f: f.date or dt.date.min, default=None)
    if latest is None:
        return None, ""
    return latest.date, _("the plan's inventory date")


def sources_of(
    requirements: Requirements, frameworks: Sequence[str], rule: Rule, part: Part | None
) -> tuple[Source, ...]:
    rows = [r for r in requirements.requirements if r.framework in frameworks]
    if part is not None:
        cited = [r for r in rows if set(r.answered_by) & set(part.answers)]
    else:
        cited = [r for r in rows if set(r.needs) & set(rule.needs)]
    return tuple(Source(r.id, requirements.source(r)) for r in cited)


def failing(findings: Iterable[Finding], fail_on: Severity) -> tuple[Finding, ...]:
    return tuple(f for f in findings if f.at_least(fail_on))
