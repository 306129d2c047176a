"""The legal dates reach the plan from one place, and the plan's wording turns on them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from exitplan import legal
from exitplan.catalogue import Catalogue
from exitplan.inventory import load_inventories
from exitplan.pipeline import make_plan
from exitplan.planning import Plan, PlanMeta
from exitplan.profile import Profile
from exitplan.render import PLAN_FILE, render
from exitplan.sample import sample_path


def test_dates_are_written_out_in_english() -> None:
    assert str(legal.NO_SWITCHING_CHARGES) == "12 January 2027"
    assert str(legal.DATA_ACT_APPLIES) == "12 September 2025"


def _plan_of(day: dt.date, catalogue: Catalogue, profile: Profile) -> Plan:
    plan = make_plan(load_inventories([sample_path()]), catalogue, profile, PlanMeta())
    return dataclasses.replace(plan, as_of=day)


@pytest.mark.parametrize(
    ("day", "charged", "sentences"),
    [
        (
            dt.date(2027, 1, 11),
            True,
            ("Until 12 January 2027 a provider may charge only", "allowed (EU Data Act Art. 29)"),
        ),
        (
            dt.date(2027, 1, 12),
            False,
            ("From 12 January 2027 providers may not charge", "(EU Data\nAct Art. 29); egress"),
        ),
    ],
)
def test_switching_charges_end_on_the_legal_date(
    day: dt.date,
    charged: bool,
    sentences: tuple[str, ...],
    catalogue: Catalogue,
    profile: Profile,
) -> None:
    plan = _plan_of(day, catalogue, profile)
    assert plan.switching_charges_apply is charged
    text = render(plan)[PLAN_FILE]
    for sentence in sentences:
        assert sentence in text
    assert "2023/2854, applicable from 12 September 2025)" in text
    assert "only cost-based until 12 January 2027, none from then (Art. 29)." in text
