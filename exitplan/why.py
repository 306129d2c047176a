"""Why each category's alternative was chosen, said from the facts that decided it: where
the placement rules or the scenario put it, its rank among the alternatives that meet the
constraints, how close it is to today's service and what moves it, and what the
constraints left out. The same facts give different sentences for different rows. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .catalogue import Compatibility
from .i18n import N_, _

if TYPE_CHECKING:  # planning builds the rows and imports this module
    from .planning import CategoryRow

# Alternatives ranked higher than the one chosen, named; the rest are counted.
AHEAD_NAMED = 2

_FIT = {
    Compatibility.DROP_IN: (
        N_("a drop-in: data and clients move as they are"),
        N_("a drop-in: data and clients move as they are, with {tool}"),
    ),
    Compatibility.COMPATIBLE: (
        N_("compatible: small configuration or code changes"),
        N_("compatible: small configuration or code changes, moved with {tool}"),
    ),
    Compatibility.PARTIAL: (
        N_("partly compatible: code changes"),
        N_("partly compatible: code changes, moved with {tool}"),
    ),
    Compatibility.DIFFERENT: (
        N_("a different model: the application is refactored"),
        N_("a different model: the application is refactored, helped by {tool}"),
    ),
}


def explain(row: CategoryRow, primary: str | None) -> str:
    """One sentence, without its full stop, for the category's choice; `primary`: the
    landing zone's provider id."""
    parts = [_decided(row, primary), _fit(row)]
    if row.excluded:
        constraints = sorted({e.constraint for e in row.excluded})
        parts.append(
            _("{count} alternative(s) left out by {constraints}").format(
                count=len(row.excluded), constraints=", ".join(constraints)
            )
        )
    return "; ".join(parts)


def _decided(row: CategoryRow, primary: str | None) -> str:
    on_primary = row.provider is not None and row.provider.id == primary
    if not row.met or not on_primary or row.self_hosted:
        # The target's own reason names the rule, the scenario or the constraint.
        return row.reason
    count = len(row.candidates)
    if row.alternative not in row.candidates or count <= 1:
        return _("the landing zone's managed service, the only one that meets the constraints")
    rank = row.candidates.index(row.alternative)
    if rank == 0:
        return _(
            "the landing zone's managed service, first of the {count} alternatives that meet "
            "the constraints"
        ).format(count=count)
    ahead = [a.name for a in row.candidates[:rank]]
    names = ", ".join(ahead[:AHEAD_NAMED])
    if len(ahead) > AHEAD_NAMED:
        names += " " + _("and {count} more").format(count=len(ahead) - AHEAD_NAMED)
    return _(
        "the landing zone's managed service, chosen over {names}, which the catalogue ranks higher"
    ).format(names=names)


def _fit(row: CategoryRow) -> str:
    alt = row.alternative
    bare, with_tool = _FIT[alt.compatibility]
    if alt.migration_tools:
        return _(with_tool).format(tool=alt.migration_tools[0])
    return _(bare)
