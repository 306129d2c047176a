"""An exit plan per contract (Delegated Regulation (EU) 2024/1773, Art. 10): what each
contract covers, and whether the plan's calendar fits its notice, transition and retrieval
periods and its end date. Pure: from the schedule and where the resources are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .contracts import DATA_ACT_RETRIEVAL_DAYS, Contract
from .i18n import _
from .schedule import ContractPeriods, Schedule


@dataclass(frozen=True)
class Check:
    fits: bool
    text: str


@dataclass(frozen=True)
class Arrangement:
    contract: Contract
    periods: ContractPeriods
    workloads: tuple[str, ...]
    resources: int
    checks: tuple[Check, ...]

    @property
    def fits(self) -> bool:
        return all(c.fits for c in self.checks)


def arrangements(
    sched: Schedule, placed: Mapping[tuple[str, str, str], int]
) -> tuple[Arrangement, ...]:
    """One per contract of the schedule, in the metadata's order. `placed`: resources per
    (workload, provider, account)."""
    found = []
    for periods in sched.contracts:
        contract = periods.contract
        mine = {key: n for key, n in placed.items() if contract.covers(key[1], key[2])}
        found.append(
            Arrangement(
                contract,
                periods,
                tuple(sorted({w for w, _p, _a in mine})),
                sum(mine.values()),
                _checks(periods, sched.start),
            )
        )
    return tuple(found)


def _checks(periods: ContractPeriods, start: dt.date) -> tuple[Check, ...]:
    contract = periods.contract
    checks = []
    if periods.notice_by >= start:
        checks.append(
            Check(
                True,
                _("notice can be given by {day}, after the work starts on {start}").format(
                    day=periods.notice_by, start=start
                ),
            )
        )
    else:
        checks.append(
            Check(
                False,
                _(
                    "notice was due by {day}, before the work starts on {start}: give it at "
                    "once and agree a longer transition, or start the work earlier"
                ).format(day=periods.notice_by, start=start),
            )
        )
    end = contract.end_date
    if end is None:
        checks.append(
            Check(
                True,
                _(
                    "no end date is recorded: the contract is taken to run until the retrieval "
                    "period ends on {day}"
                ).format(day=periods.retrieval[1]),
            )
        )
    elif end < periods.cut_over:
        checks.append(
            Check(
                False,
                _(
                    "the contract ends on {end}, before its last cut-over on {day}: extend it "
                    "or move its workloads earlier"
                ).format(end=end, day=periods.cut_over),
            )
        )
    elif end < periods.retrieval[1]:
        checks.append(
            Check(
                False,
                _(
                    "the contract ends on {end}, before the retrieval period does on {day}: "
                    "extend it"
                ).format(end=end, day=periods.retrieval[1]),
            )
        )
    else:
        checks.append(
            Check(
                True,
                _("the contract runs until {end}, past the retrieval period").format(end=end),
            )
        )
    days = (periods.retrieval[1] - periods.retrieval[0]).days + 1
    if days < DATA_ACT_RETRIEVAL_DAYS:
        checks.append(
            Check(
                False,
                _(
                    "{days} days to retrieve the data, under the Data Act's {least} "
                    "(Art. 25(2)(g)): agree a longer period"
                ).format(days=days, least=DATA_ACT_RETRIEVAL_DAYS),
            )
        )
    else:
        checks.append(
            Check(True, _("{days} days to retrieve the data after the cut-over").format(days=days))
        )
    return tuple(checks)


def uncovered(items: Sequence[Arrangement], workloads: Sequence[str]) -> tuple[str, ...]:
    """Workloads no contract covers."""
    seen = {w for a in items for w in a.workloads}
    return tuple(w for w in workloads if w not in seen)
