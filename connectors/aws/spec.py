"""The vocabulary of the AWS service table: what to list, what to ask per item, what to keep.

A `Spec` describes one native resource type as data. The engine in `engine.py` is the only
code that interprets it, and `permissions.py` derives the IAM policy from the same specs, so
what the scanner calls and what the policy grants cannot drift apart.

Paths are JMESPath expressions, evaluated on one listed item (a `str` item is wrapped as
`{"Value": item}`). Details and batches add their answers to the item under `into`, so later
paths can read them: `"table.TableSizeBytes"`. The engine also sets `_id` (the item's ARN)
and, for children, `parent` (the parent's item)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from connectors.attributes import Attr


@dataclass(frozen=True)
class Detail:
    """One extra read per listed item, such as `describe_table` after `list_tables`.

    `args` maps request parameters to paths on the item; `result` selects from the answer.
    Error codes in `absent` mean "nothing there" (for example `NoSuchTagSet`), not a gap."""

    operation: str
    args: Mapping[str, str]
    into: str
    result: str = "@"
    params: Mapping[str, Any] = field(default_factory=dict)
    absent: tuple[str, ...] = ()
    keep: str | None = None  # checked right after this call: drop the item when false
    unless: str | None = None  # skip the call where this path already has a value
    region: str | None = None  # ask the item's own region (a path), not the unit's


@dataclass(frozen=True)
class Batch:
    """One extra read for many items at once, such as `describe_instance_types`.

    The items' `key` values (deduplicated) go to request parameter `param`, `size` at a time,
    or to a filter named `filter`. Each record of `records` in the answer is matched back by
    its `match` path; with `many`, an item gets a list of all matching records."""

    operation: str
    key: str
    records: str
    match: str
    into: str
    size: int
    param: str | None = None
    filter: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    args: Mapping[str, str] = field(default_factory=dict)  # paths on the batch's first item
    many: bool = False


@dataclass(frozen=True)
class Spec:
    """One native resource type: how to list it and how to turn an item into a Resource.

    `id` is an ARN template: `{path}` placeholders are paths on the item, and `$account`,
    `$region` and `$partition` are the scanning context."""

    name: str  # unique, "service.thing": also what `--services` and gaps refer to by service
    service: str  # the boto3 client name
    operation: str  # the boto3 method that lists
    items: str  # path from one page of the answer to the listed items
    type: str  # native type, CloudFormation style
    id: str
    name_path: str
    params: Mapping[str, Any] = field(default_factory=dict)
    args: Mapping[str, str] = field(default_factory=dict)  # from the parent item, for children
    scope: Literal["regional", "global"] = "regional"
    region_path: str | None = None  # where a global listing says each item's region is
    tags: str | None = None
    attributes: Mapping[str, Attr] = field(default_factory=dict)
    details: tuple[Detail | Batch, ...] = ()
    keep: str | None = None  # a path that must be true for the item to be kept
    children: tuple[Spec, ...] = ()
    iam: tuple[str, ...] = ()  # IAM actions the calls need, where not derivable from names
    augment: str | None = None  # a named enrichment in `augment.py`, for what data cannot say

    @property
    def operations(self) -> tuple[str, ...]:
        return (self.operation, *(d.operation for d in self.details))


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def placeholders(template: str) -> list[str]:
    return _PLACEHOLDER.findall(template)
