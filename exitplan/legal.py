"""The legal dates a plan depends on, each with the article that sets it. They live here
only: the planning code compares against them and the templates write them out (the Jinja
global `legal`), so a change in the law is one edit here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .i18n import N_, _

# Written out by hand: strftime's month names follow the process locale, not the plan's
# language.
_MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip


@dataclass(frozen=True)
class LegalDate:
    day: dt.date
    instrument: str
    cites: str  # the article, marked for the catalogue: N_("Art. 29")

    @property
    def article(self) -> str:
        """The article as the plan cites it, in the plan's language."""
        return _(self.cites)

    def __str__(self) -> str:
        """The day as the plan writes it, "12 January 2027"."""
        month = _(_MONTHS[self.day.month - 1])
        return _("{day} {month} {year}").format(day=self.day.day, month=month, year=self.day.year)


DATA_ACT = "Regulation (EU) 2023/2854 (EU Data Act)"

# The switching rights of Chapter VI can be invoked from this day.
DATA_ACT_APPLIES = LegalDate(dt.date(2025, 9, 12), DATA_ACT, N_("Art. 50"))
# From 11 January 2024 up to this day a provider may charge only its costs of switching
# (Art. 29(2)-(3)); from this day on, nothing (Art. 29(1)).
NO_SWITCHING_CHARGES = LegalDate(dt.date(2027, 1, 12), DATA_ACT, N_("Art. 29"))


@dataclass(frozen=True)
class LegalDates:
    """What templates receive as `legal`."""

    data_act_applies: LegalDate = DATA_ACT_APPLIES
    no_switching_charges: LegalDate = NO_SWITCHING_CHARGES


DATES = LegalDates()
