"""The contracts a plan covers, their switching periods, and the providers' free-exit
programmes. Where a contract is silent the EU Data Act's bounds apply (Art. 25): the
longest notice a provider may ask, the longest transition it may give without saying
why, the shortest retrieval period it must allow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from .i18n import N_
from .moments import no_number

# Art. 25(2)(d): notice to start switching "shall not exceed two months".
DATA_ACT_NOTICE_MONTHS = 2
# Art. 25(2)(a): at most 30 calendar days of transition, the service continuing.
DATA_ACT_TRANSITION_DAYS = 30
# Art. 25(2)(g): at least 30 calendar days to retrieve data, after the transition.
DATA_ACT_RETRIEVAL_DAYS = 30
# Art. 25(4): where a provider shows 30 days unfeasible, at most 7 months.
_MAX_TRANSITION_DAYS = 214

# A contract's end lies ahead, unlike the plan's other dates: bounded only so that the
# arithmetic on it stays far from overflow.
FutureDay = Annotated[
    dt.date, BeforeValidator(no_number), Field(ge=dt.date(2006, 1, 1), le=dt.date(2100, 12, 31))
]
_Days = Annotated[int, Strict()]


class Contract(BaseModel):
    """One contract with a cloud provider, as `contracts:` in the plan's metadata holds it.
    A bare string there is a contract's reference (the older form)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: str | None = Field(None, description="provider id as the inventory names it")
    accounts: list[str] = Field([], description="accounts, subscriptions or projects covered")
    reference: str | None = Field(None, description="the contract's number or name")
    notice_days: _Days | None = Field(None, ge=0, le=366)
    transition_days: _Days | None = Field(None, ge=1, le=_MAX_TRANSITION_DAYS)
    retrieval_days: _Days | None = Field(None, ge=0, le=366)
    end_date: FutureDay | None = None
    exit_clause: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        None, description="where the contract sets its exit and data-return terms, e.g. art. 14"
    )

    def covers(self, provider: str, account: str) -> bool:
        """Whether a resource falls under the contract: in its accounts, or, naming none,
        on its provider, or, naming neither, anywhere in the estate."""
        if self.provider not in (None, provider):
            return False
        return not self.accounts or account in self.accounts

    def __str__(self) -> str:
        parts = [self.reference or "", self.provider or "", ", ".join(self.accounts)]
        return " ".join(p for p in parts if p) or "-"


def contract_entry(value: Any) -> Any:
    """A string in `contracts:` is a reference, as plans before structured contracts wrote."""
    return {"reference": value} if isinstance(value, str) else value


@dataclass(frozen=True)
class Programme:
    """A provider's programme that waives egress charges for a customer who leaves."""

    provider: str
    name: str
    lead_days: int  # from the request until the free period can start, as published
    days: int  # the free period in which the data must leave
    conditions: str  # marked N_
    source: str


# From the facts base (section 1.2); each programme's terms change: re-read before use.
PROGRAMMES = {
    p.provider: p
    for p in (
        Programme(
            "aws",
            "AWS free data transfer out when leaving",
            0,
            60,
            N_(
                "request through AWS, approved by the account team; credits for data "
                "transfer out; complete within 60 days; all data and workloads must leave"
            ),
            "Forrester, 'AWS joins Google Cloud in removing egress costs' (March 2024)",
        ),
        Programme(
            "azure",
            "Azure free data transfer out when leaving",
            0,
            60,
            N_(
                "Azure Support request with the subscription or enrollment ID, the planned "
                "start date and volume; 60 days from that start; cancel every subscription "
                "of the account, then ask Support to apply the credit"
            ),
            "learn.microsoft.com, Cancel your Azure subscription: 'What data transfer fees "
            "are applied when moving all data off Azure?'",
        ),
        Programme(
            "gcp",
            "Google Cloud free data transfer when exiting",
            44,
            30,
            N_(
                "Exit Notice; within 14 days a billing agent is assigned; a 30-day "
                "initiation period, then a migration period of at least 30 days; the "
                "contract for the service must end"
            ),
            "https://cloud.google.com/exit-cloud",
        ),
    )
}
