"""What the plan's metadata says about the organisation and its exit, beyond the plan
itself: the kind of organisation (which decides the legal frameworks), the facts that make a
requirement apply, the indicators that trigger the exit, and the documents it leans on."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .i18n import N_, _

OrganisationType = Literal[
    "rijk",
    "province",
    "water-board",
    "municipality",
    "other-public",
    "credit-institution",
    "investment-firm",
    "payment-institution",
    "insurer",
    "other-financial",
    "other",
]
PUBLIC = frozenset({"rijk", "province", "water-board", "municipality", "other-public"})
FINANCIAL = frozenset(
    {"credit-institution", "investment-firm", "payment-institution", "insurer", "other-financial"}
)
# The institutions the EBA outsourcing guidelines address (not insurers).
EBA = frozenset({"credit-institution", "investment-firm", "payment-institution"})
GROUPS = {"public": PUBLIC, "financial": FINANCIAL, "eba": EBA}

# As a sentence names them: "the organisation is a municipality".
ORGANISATION_LABELS = {
    "rijk": N_("central government (Rijk)"),
    "province": N_("a province"),
    "water-board": N_("a water board"),
    "municipality": N_("a municipality"),
    "other-public": N_("another Dutch public body"),
    "credit-institution": N_("a credit institution"),
    "investment-firm": N_("an investment firm"),
    "payment-institution": N_("a payment or e-money institution"),
    "insurer": N_("an insurer"),
    "other-financial": N_("another financial entity"),
    "other": N_("an organisation outside the financial and public sectors"),
    "public": N_("Dutch public bodies"),
    "financial": N_("financial entities"),
    "eba": N_("credit institutions, investment firms and payment institutions"),
}

# A link the plan writes as a Markdown target: a web address with nothing that could end
# the link early, break a table row or start markup.
_LINK = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&*+,;=%-]+")


def _web_address(value: str) -> str:
    if not _LINK.fullmatch(value):
        raise ValueError(
            _("a web address starting with https:// or http://, without spaces, brackets or |")
        )
    return value


_Text = Annotated[str, Field(min_length=1, max_length=500)]


class ExitTrigger(BaseModel):
    """An indicator that, past its threshold, starts the exit (EBA/GL/2019/02 para 108(e))."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    indicator: _Text = Field(description="what is watched, e.g. availability of the service")
    metric: _Text = Field(description="how it is measured, e.g. monthly uptime from the SLA report")
    threshold: _Text = Field(description="the value that triggers the exit, e.g. below 99.5% twice")
    watched_by: _Text = Field(description="who measures it and raises the alarm")


class DocumentReference(BaseModel):
    """A document the exit plan relies on: its reference and, where it has one, its link."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reference: _Text
    link: Annotated[str, AfterValidator(_web_address)] | None = None
