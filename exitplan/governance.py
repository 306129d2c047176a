"""Governance facts checked against the estate, not echoed: whether the approval and the
last test cover the inventory the plan is made from, whether the critical functions named
match workloads, and whether every provider and account is under a contract. Each check is
defined once, beside its texts, as the risks are; `review` runs them all once per plan.

The plan's day of reference is the inventory's (`as_of`), never the reader's clock: the
same inputs give the same plan, and a date is judged against the estate it describes."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from .contracts import Contract
from .i18n import N_, _
from .moments import Day
from .risks import Impact, Risk
from .schedule import add_months

if TYPE_CHECKING:  # planning builds the plan from these checks and imports this module
    from .planning import PlanMeta, Workload

Values = Mapping[str, object]
Result = Literal["passed", "failed", "partial"]
Topic = Literal["approval", "test", "critical functions", "contracts"]
Status = Literal["current", "stale", "overdue", "failed", "partial", "missing", "incomplete"]

# What each topic is called, and its states, as the plan shows them (`labels[...]`).
TOPICS: tuple[Topic, ...] = ("approval", "test", "critical functions", "contracts")
_LABELS = (
    N_("approval"), N_("test"), N_("critical functions"), N_("contracts"),
    N_("current"), N_("stale"), N_("overdue"), N_("failed"), N_("partial"), N_("missing"),
    N_("incomplete"), N_("passed"),
)  # fmt: skip
# A list of names in a finding stops after this many; plan.json holds them all.
SHOWN_NAMES = 20


class ExitTest(BaseModel):
    """One test of the exit plan, as `tests:` in the plan's metadata holds it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: Day = Field(description="the day the test was held (YYYY-MM-DD)")
    method: str | None = Field(
        None, description="how: tabletop, partial migration, full exit rehearsal, ..."
    )
    scope: str | None = Field(None, description="what was tested: workloads, data, runbooks")
    result: Result | None = Field(None, description="passed, failed or partial")
    evidence: str | None = Field(None, description="a link to, or reference of, the record")
    findings: str | None = Field(None, description="what the test found, and the follow-up")


@dataclass(frozen=True)
class Finding:
    id: str  # stable: people refer to it, as to a risk's
    topic: Topic
    status: Status  # what it makes of its topic
    title: str
    detail: str
    action: str
    impact: Impact | None  # None: not a risk of the exit, only of the document


@dataclass(frozen=True)
class Facts:
    """What the checks read."""

    meta: PlanMeta
    as_of: dt.date  # the newest inventory's day
    tests: tuple[ExitTest, ...]  # oldest first
    matched: tuple[tuple[str, tuple[str, ...]], ...]  # each function and its workloads
    workloads: tuple[str, ...]
    high: tuple[str, ...]  # the workloads tagged high criticality
    accounts: tuple[tuple[str, str], ...]  # (provider, account) in the inventory

    @property
    def last_test(self) -> ExitTest | None:
        return self.tests[-1] if self.tests else None

    @property
    def review_due(self) -> dt.date | None:
        """The day the approval falls due for review."""
        day = self.meta.approved_on
        return add_months(day, self.meta.review_interval_months) if day else None

    @property
    def test_due(self) -> dt.date | None:
        last = self.last_test
        return add_months(last.date, self.meta.review_interval_months) if last else None


@dataclass(frozen=True)
class Check:
    id: str
    topic: Topic
    status: Status
    impact: Impact | None
    title: str  # marked N_, as every text here
    detail: str  # with {placeholders} that `check` fills
    action: str
    check: Callable[[Facts], Values | None]

    def finding(self, values: Values) -> Finding:
        # Only our own texts are templates; the values (names from tags and the metadata)
        # are inserted as they are.
        return Finding(
            self.id,
            self.topic,
            self.status,
            _(self.title),
            _(self.detail).format_map(values),
            _(self.action).format_map(values),
            self.impact,
        )


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:SHOWN_NAMES])
    if len(names) <= SHOWN_NAMES:
        return shown
    return _("{names} and {count} more").format(names=shown, count=len(names) - SHOWN_NAMES)


def _approval_missing(facts: Facts) -> Values | None:
    meta = facts.meta
    absent = [key for key in ("approved_by", "approved_on") if getattr(meta, key) is None]
    return {"keys": ", ".join(absent)} if absent else None


def _approval_overdue(facts: Facts) -> Values | None:
    due = facts.review_due
    if _approval_missing(facts) or due is None or due >= facts.as_of:
        return None
    return {"day": facts.meta.approved_on, "due": due, "as_of": facts.as_of}


def _approval_stale(facts: Facts) -> Values | None:
    day = facts.meta.approved_on
    if _approval_missing(facts) or _approval_overdue(facts) or day is None or day >= facts.as_of:
        return None
    return {"day": day, "as_of": facts.as_of, "who": facts.meta.approved_by}


def _test_missing(facts: Facts) -> Values | None:
    return None if facts.tests else {}


def _test_result(result: Result) -> Callable[[Facts], Values | None]:
    def check(facts: Facts) -> Values | None:
        last = facts.last_test
        if last is None or last.result != result:
            return None
        return {"day": last.date, "method": last.method or _("method not recorded")}

    return check


def _test_overdue(facts: Facts) -> Values | None:
    last, due = facts.last_test, facts.test_due
    if last is None or due is None or due >= facts.as_of:
        return None
    return {"day": last.date, "due": due, "as_of": facts.as_of}


def _test_stale(facts: Facts) -> Values | None:
    last = facts.last_test
    if last is None or _test_overdue(facts) or last.date >= facts.as_of:
        return None
    return {"day": last.date, "as_of": facts.as_of}


def _unmatched(facts: Facts) -> Values | None:
    names = [name for name, workloads in facts.matched if not workloads]
    if not names:
        return None
    return {
        "count": len(names),
        "names": "; ".join(names),
        "workloads": _names(facts.workloads) or _("none"),
    }


def _no_functions(facts: Facts) -> Values | None:
    return None if facts.meta.critical_functions else {}


def _unnamed(facts: Facts) -> Values | None:
    named = {w for _name, workloads in facts.matched for w in workloads}
    left = [w for w in facts.high if w not in named]
    return {"count": len(left), "names": _names(left)} if left else None


def _under_contract(facts: Facts) -> tuple[list[str], list[tuple[str, str]]]:
    """The providers no contract names, and the accounts of the others no contract
    covers. A contract covers the accounts it lists, or without a list all of its
    provider's, as the calendar reads it."""
    contracts = facts.meta.contracts
    named = {c.provider for c in contracts if c.provider}
    bare = [p for p in sorted({p for p, _a in facts.accounts}) if p not in named]
    left = [
        (p, a)
        for p, a in facts.accounts
        if p in named and not any(_covers(c, p, a) for c in contracts)
    ]
    return bare, left


def _covers(contract: Contract, provider: str, account: str) -> bool:
    return contract.provider == provider and (not contract.accounts or account in contract.accounts)


def _no_contract(facts: Facts) -> Values | None:
    bare, _left = _under_contract(facts)
    if not bare:
        return None
    accounts = sum(1 for p, _a in facts.accounts if p in bare)
    return {"providers": ", ".join(bare), "accounts": accounts}


def _uncovered(facts: Facts) -> Values | None:
    _bare, left = _under_contract(facts)
    if not left:
        return None
    return {"count": len(left), "accounts": _names([f"{p} {a}" for p, a in left])}


def _untied(facts: Facts) -> Values | None:
    untied = [str(c) for c in facts.meta.contracts if not c.provider]
    return {"count": len(untied), "names": "; ".join(untied)} if untied else None


def _unknown(facts: Facts) -> Values | None:
    providers = {p for p, _a in facts.accounts}
    held = set(facts.accounts)
    absent = []
    for c in facts.meta.contracts:
        if c.provider is None:
            continue
        if c.provider not in providers:
            absent.append(
                _("{contract}: provider {provider}").format(contract=c, provider=c.provider)
            )
            continue
        for account in c.accounts:
            if (c.provider, account) not in held:
                absent.append(
                    _("{contract}: account {account}").format(contract=c, account=account)
                )
    return {"count": len(absent), "names": "; ".join(absent)} if absent else None


# In order of weight within each topic: a topic's status is its first finding's.
CHECKS = (
    Check(
        "G-APPROVAL-MISSING",
        "approval",
        "missing",
        "medium",
        N_("The plan is not approved"),
        N_("The metadata does not record {keys}: no approval covers this plan."),
        N_("Have the plan approved and record approved_by and approved_on in the metadata."),
        _approval_missing,
    ),
    Check(
        "G-APPROVAL-OVERDUE",
        "approval",
        "overdue",
        "medium",
        N_("The approval is overdue for review"),
        N_(
            "The approval of {day} was due for review on {due}, before the inventory of "
            "{as_of}: it does not cover this estate, and the plan counts as not approved."
        ),
        N_("Review the plan on this inventory, have it approved, and record the new date."),
        _approval_overdue,
    ),
    Check(
        "G-APPROVAL-STALE",
        "approval",
        "stale",
        "medium",
        N_("The approval predates the inventory"),
        N_(
            "The approval of {day} is dated before the inventory of {as_of}: it approved an "
            "earlier estate, not this one, and the plan counts as not approved."
        ),
        N_("Have {who} approve the plan made from this inventory and record the new date."),
        _approval_stale,
    ),
    Check(
        "G-TEST-MISSING",
        "test",
        "missing",
        "medium",
        N_("The plan has not been tested"),
        N_("No test of the exit plan is recorded."),
        N_(
            "Test the plan (a tabletop exercise at least, a restore or a partial migration "
            "better) and record it under tests: in the metadata."
        ),
        _test_missing,
    ),
    Check(
        "G-TEST-FAILED",
        "test",
        "failed",
        "high",
        N_("The last test failed"),
        N_("The last test, on {day} ({method}), failed."),
        N_("Act on its findings, then test again and record the result."),
        _test_result("failed"),
    ),
    Check(
        "G-TEST-PARTIAL",
        "test",
        "partial",
        "medium",
        N_("The last test passed only in part"),
        N_("The last test, on {day} ({method}), passed only in part."),
        N_("Act on its findings, then test what did not pass again and record the result."),
        _test_result("partial"),
    ),
    Check(
        "G-TEST-OVERDUE",
        "test",
        "overdue",
        "medium",
        N_("The last test is overdue"),
        N_(
            "The last test, on {day}, was due to be repeated on {due}, before the inventory "
            "of {as_of}."
        ),
        N_("Test the plan made from this inventory and record the test."),
        _test_overdue,
    ),
    Check(
        "G-TEST-STALE",
        "test",
        "stale",
        "low",
        N_("The last test predates the inventory"),
        N_(
            "The last test, on {day}, is dated before the inventory of {as_of}: it tested an "
            "earlier estate."
        ),
        N_("Test the plan made from this inventory, or record why the earlier test still holds."),
        _test_stale,
    ),
    Check(
        "G-CRITICAL-UNMATCHED",
        "critical functions",
        "incomplete",
        "medium",
        N_("Critical functions that match no workload"),
        N_(
            "{count} critical or important function(s) in the metadata match no workload: "
            "{names}. The workloads are: {workloads}."
        ),
        N_(
            "Name each function as section 2 names its workload (application tag, resource "
            "group or account), or tag its resources with that application."
        ),
        _unmatched,
    ),
    Check(
        "G-CRITICAL-NONE",
        "critical functions",
        "missing",
        None,
        N_("No critical functions are recorded"),
        N_("The metadata names no critical or important function (critical_functions)."),
        N_("List the functions the estate supports under critical_functions, by workload name."),
        _no_functions,
    ),
    Check(
        "G-CRITICAL-UNNAMED",
        "critical functions",
        "incomplete",
        "low",
        N_("High-criticality workloads no critical function names"),
        N_(
            "{count} workload(s) tagged high criticality are named by no critical function: "
            "{names}."
        ),
        N_("Add the function each supports to critical_functions, or correct its criticality tag."),
        _unnamed,
    ),
    Check(
        "G-CONTRACT-MISSING",
        "contracts",
        "missing",
        "medium",
        N_("Providers without a contract"),
        N_(
            "No contract in the metadata names {providers} ({accounts} account(s)): their "
            "exit terms are not known, and the calendar assumes the Data Act's bounds."
        ),
        N_("Record each contract under contracts: with its provider and accounts."),
        _no_contract,
    ),
    Check(
        "G-CONTRACT-UNCOVERED",
        "contracts",
        "incomplete",
        "low",
        N_("Accounts no contract covers"),
        N_("{count} account(s) are covered by no contract's accounts: {accounts}."),
        N_("Add them to the accounts of the contract that covers them."),
        _uncovered,
    ),
    Check(
        "G-CONTRACT-UNKNOWN",
        "contracts",
        "incomplete",
        "medium",
        N_("Contracts naming what the inventory does not hold"),
        N_("{count} provider(s) or account(s) under contract are not in the inventory: {names}."),
        N_("Scan what they name, or correct the contract's provider id or accounts."),
        _unknown,
    ),
    Check(
        "G-CONTRACT-UNTIED",
        "contracts",
        "incomplete",
        None,
        N_("Contracts naming no provider"),
        N_(
            "{count} contract(s) name no provider, so the plan cannot tell what they cover: "
            "{names}."
        ),
        N_("Give each its provider and accounts in the metadata."),
        _untied,
    ),
)


@dataclass(frozen=True)
class Governance:
    """The checks' findings and what they were made from."""

    as_of: dt.date
    tests: tuple[ExitTest, ...]  # newest first, as the plan lists them
    matched: tuple[tuple[str, tuple[str, ...]], ...]
    next_review: dt.date  # the inventory's day where no current approval covers the plan
    findings: tuple[Finding, ...]

    @property
    def approved(self) -> bool:
        return self.approval_status == "current"

    @property
    def last_test(self) -> ExitTest | None:
        return self.tests[0] if self.tests else None

    def status(self, topic: Topic) -> Status:
        return next((f.status for f in self.findings if f.topic == topic), "current")

    def of(self, topic: Topic) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.topic == topic)

    # For the templates, which name no key of their own (each literal there is text).
    @property
    def approval_status(self) -> Status:
        return self.status("approval")

    @property
    def test_status(self) -> Status:
        return self.status("test")

    @property
    def functions_status(self) -> Status:
        return self.status("critical functions")

    @property
    def contracts_status(self) -> Status:
        return self.status("contracts")

    @property
    def approval_findings(self) -> tuple[Finding, ...]:
        return self.of("approval")

    @property
    def test_findings(self) -> tuple[Finding, ...]:
        return self.of("test")

    @property
    def risks(self) -> tuple[Risk, ...]:
        return tuple(
            Risk(f.id, f.title, f.detail, f.impact, f.action)
            for f in self.findings
            if f.impact is not None
        )


def fold(name: str) -> str:
    """A name as it is compared: case, accents and runs of spaces set aside."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def recorded_tests(meta: PlanMeta) -> tuple[ExitTest, ...]:
    """Every test recorded, oldest first: `tests:`, and `last_tested` with `test_method`
    as one more unless `tests:` holds that day already."""
    tests = list(meta.tests)
    if meta.last_tested is not None and all(t.date != meta.last_tested for t in tests):
        tests.append(ExitTest(date=meta.last_tested, method=meta.test_method))
    return tuple(sorted(tests, key=lambda t: t.date))  # stable: a day's tests keep their order


def review(
    meta: PlanMeta,
    as_of: dt.date,
    workloads: Sequence[Workload],
    accounts: Sequence[tuple[str, str]],
) -> Governance:
    """Every check on the plan's metadata against the estate of `as_of`."""
    by_name: dict[str, list[str]] = {}
    for w in workloads:
        by_name.setdefault(fold(w.name), []).append(w.name)
    matched = tuple((f, tuple(by_name.get(fold(f), ()))) for f in meta.critical_functions)
    facts = Facts(
        meta,
        as_of,
        recorded_tests(meta),
        matched,
        tuple(w.name for w in workloads),
        tuple(w.name for w in workloads if w.criticality == "high"),
        tuple(accounts),
    )
    findings = []
    for check in CHECKS:
        values = check.check(facts)
        if values is not None:
            findings.append(check.finding(values))
    current = not any(f.topic == "approval" for f in findings)
    return Governance(
        as_of=as_of,
        tests=tuple(reversed(facts.tests)),
        matched=matched,
        next_review=facts.review_due if current and facts.review_due else as_of,
        findings=tuple(findings),
    )
