"""The audit policy: its keys read, and every mistake in it named by file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from exitplan.audit.parts import recognise
from exitplan.audit.policy import load_policy
from exitplan.audit.vocabulary import shipped
from exitplan.errors import InputError


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "audit.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_policy_sets_interval_threshold_frameworks_headings_and_critical(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        "review_interval_months: 6\nfail_on: high\nframeworks: [dora]\n"
        "headings:\n  exit-triggers: [Stopcriteria]\n"
        "critical:\n  workloads: [payments]\n  accounts: ['318265497702']\n"
        "  tag: {key: criticality, value: high}\n",
    )
    policy, vocabulary = load_policy(path, shipped())
    assert (policy.interval_months, policy.fail_on, policy.frameworks) == (6, "high", ("dora",))
    assert policy.critical.workloads == ["payments"]
    assert policy.critical.tag is not None and policy.critical.tag.value == "high"
    part = recognise("Stopcriteria", vocabulary)
    assert part is not None and part.id == "exit-triggers"


def test_an_empty_policy_keeps_the_defaults(tmp_path: Path) -> None:
    policy, _vocabulary = load_policy(_write(tmp_path, ""), shipped())
    assert (policy.interval_months, policy.fail_on, policy.frameworks) == (12, None, ())


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("fail_on: medium\nreview_interval: 12\n", "audit.yaml:2: review_interval"),
        ("fail_on: medium\nframeworks: [dora, sox]\n", "audit.yaml:2: frameworks"),
        ("fail_on: severe\n", "audit.yaml:1: fail_on"),
        ("critical:\n  workloads: [a]\n  owners: [b]\n", "audit.yaml:3: critical.owners"),
        ("review_interval_months: 0\n", "audit.yaml:1: review_interval_months"),
        ("\nheadings:\n  triggers: [Stop]\n", "audit.yaml:2: headings.triggers"),
        ("fail_on: [medium\n", "audit.yaml:2"),
        ("- medium\n", "audit.yaml: not a mapping"),
    ],
)
def test_a_mistake_is_named_by_file_line_and_key(tmp_path: Path, text: str, where: str) -> None:
    with pytest.raises(InputError) as caught:
        load_policy(_write(tmp_path, text), shipped())
    assert where in caught.value.message
