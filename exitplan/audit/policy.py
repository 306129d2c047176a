"""The organisation's audit policy (`--policy audit.yaml`): how often a plan must be
approved and tested, which findings fail the audit, which frameworks apply, its own
headings for the parts of a plan, and which workloads and accounts are critical.

    review_interval_months: 12
    fail_on: medium
    frameworks: [dora, data-act]
    headings:
      exit-triggers: [Stopcriteria]
    critical:
      workloads: [payments]
      accounts: ["318265497702"]
      tag: {key: criticality, value: high}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..encoding import SAVE_AS, EncodingProblem, decode
from ..errors import InputError
from ..i18n import N_, _
from ..reading import MAX_BYTES, read_bytes
from ..requirements import Framework
from ..yamlfile import describe_validation, line_of, parse_yaml
from .findings import DEFAULT_INTERVAL_MONTHS, Severity
from .parts import POLICY_KEY, policy_headings, with_headings
from .vocabulary import Vocabulary

_HINT = N_("fix the policy file; docs/audit.md lists its keys")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CriticalTag(_Strict):
    key: str = Field(min_length=1, description="the tag's key, as the inventory holds it")
    value: str = Field(description="the value that makes a workload critical")


class Critical(_Strict):
    workloads: list[str] = Field([], description="critical workloads, by name")
    accounts: list[str] = Field([], description="critical accounts or subscriptions, by id")
    tag: CriticalTag | None = Field(None, description="a tag that marks critical resources")


class PolicyFile(_Strict):
    review_interval_months: int = Field(
        DEFAULT_INTERVAL_MONTHS, ge=1, le=120, description="how old an approval or test may be"
    )
    fail_on: Severity | None = Field(None, description="the lowest severity that fails")
    frameworks: list[Framework] = Field([], description="the frameworks to audit against")
    headings: dict[str, object] | None = Field(None, description="own headings per part id")
    critical: Critical = Critical()


@dataclass(frozen=True)
class Policy:
    interval_months: int = DEFAULT_INTERVAL_MONTHS
    fail_on: Severity | None = None  # None: the command's default
    frameworks: tuple[str, ...] = ()
    critical: Critical = field(default_factory=Critical)
    source: str | None = None


def load_policy(
    path: Path, vocabulary: Vocabulary, limit: int = MAX_BYTES
) -> tuple[Policy, Vocabulary]:
    """The policy a file holds, and the vocabulary with its headings added."""
    try:
        text = decode(bytes(read_bytes(path, limit)))
    except EncodingProblem as exc:
        raise InputError(f"{path}: {exc}", _(SAVE_AS)) from None
    data = parse_yaml(text, path, InputError, _(_HINT))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            _("{path}: not a mapping of policy keys to values").format(path=path), _(_HINT)
        )
    try:
        parsed = PolicyFile.model_validate(data)
    except ValidationError as exc:
        line = line_of(text, exc.errors()[0]["loc"])
        where = f"{path}:{line}" if line else str(path)
        raise InputError(f"{where}: {describe_validation(exc, data)}", _(_HINT)) from None
    line = line_of(text, [POLICY_KEY])
    source = f"{path}:{line}" if line else str(path)
    headings = policy_headings(parsed.headings, source, vocabulary)
    policy = Policy(
        parsed.review_interval_months,
        parsed.fail_on,
        tuple(parsed.frameworks),
        parsed.critical,
        str(path),
    )
    return policy, with_headings(vocabulary, headings)
