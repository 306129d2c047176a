"""Each unmapped type gets a suggested direction from the rules, never a silent default."""

from __future__ import annotations

import dataclasses
from typing import Any

from exitplan.model import Resource
from exitplan.planning import UnmappedType
from exitplan.threepoint import total
from exitplan.unmapped import DIRECTIONS, RULES, Facts, suggest

_BASE = {"provider": "aws", "account": "1", "region": "eu-west-1", "name": "x", "tags": {}}


def _unmapped(type_: str, **fields: Any) -> UnmappedType:
    resource = Resource.model_validate({**_BASE, "type": type_, "id": f"id-{type_}", **fields})
    return UnmappedType("aws", type_, (resource,), total(()))


def _rule(entry: UnmappedType, *others: Resource) -> str:
    (found,) = suggest([entry], [*entry.resources, *others])
    return found.rule.id


def test_the_rules_follow_the_facts() -> None:
    assert _rule(_unmapped("AWS::Foo::Bar", tags={"environment": "test"})) == "U-IDLE"
    assert _rule(_unmapped("AWS::IoTTwinMaker::Workspace")) == "U-SPECIALISED"
    data = {"attributes": {"size_bytes": 10}, "tags": {"criticality": "high"}}
    assert _rule(_unmapped("AWS::Foo::Bar", **data)) == "U-CRITICAL-DATA"
    assert _rule(_unmapped("AWS::Foo::Store", tags={"criticality": "low"})) == "U-DATA"
    used = _unmapped("AWS::Foo::Bar")
    user = Resource.model_validate(
        {
            **_BASE,
            "type": "AWS::Lambda::Function",
            "id": "fn",
            "relations": {"uses": ["id-AWS::Foo::Bar"]},
        }
    )
    assert _rule(used, user) == "U-USED"
    assert _rule(_unmapped("AWS::Foo::Bar")) == "U-UNUSED"


def test_the_last_rule_holds_for_any_facts_and_says_it_is_open() -> None:
    last = RULES[-1]
    assert last.id == "U-OPEN"
    for data in (True, False):
        for used in (True, False):
            facts = Facts(None, data, "not tagged", used, False)
            assert last.holds(facts)
    assert all(rule.questions for rule in RULES)
    assert {rule.direction for rule in RULES} <= set(DIRECTIONS)
    assert (
        dataclasses.replace(last, used=True).holds(Facts(None, False, "low", False, False)) is False
    )
