"""What `exitplan scan azure` needs to be granted, from the calls the connector makes."""

from __future__ import annotations

import json

from exitplan.errors import InputError
from exitplan.i18n import _

from .relations import LINKED
from .types import TYPES

BUILT_IN = "Reader"
# Each call and the Azure RBAC action it needs: `exitplan permissions azure` prints these.
ACTIONS = {
    "Subscriptions.List": "Microsoft.Resources/subscriptions/read",
    "Resources.List": "Microsoft.Resources/subscriptions/resources/read",
    "ResourceGroups.List": "Microsoft.Resources/subscriptions/resourceGroups/read",
    "ResourceSkus.List": "Microsoft.Compute/skus/read",
    "Metrics.List": "Microsoft.Insights/metrics/read",
}
GRAPH_ACTION = "Microsoft.ResourceGraph/resources/read"


def actions(resource_graph: bool = False) -> list[str]:
    """Every RBAC action of the calls a scan makes: the fixed calls, each type's own list
    (its read action), including the types read for their relations alone, and the
    sub-resources read per resource."""
    found = set(ACTIONS.values())
    for kind, spec in {**TYPES, **LINKED}.items():
        found.add(f"{kind}/read")
        if spec.config:
            found.add(f"{kind}/{spec.config.split('/', 1)[0]}/read")
    if resource_graph:
        found.add(GRAPH_ACTION)
    return sorted(found)


def custom_role(scopes: list[str], resource_graph: bool = False) -> str:
    """A role definition for `az role definition create --role-definition @file`."""
    if not scopes:
        raise InputError(
            _("a custom role must name where it can be assigned"),
            _(
                "give --subscriptions ID... or --management-group ID; "
                "or grant the built-in {role} role, which covers every call"
            ).format(role=BUILT_IN),
        )
    role = {
        "Name": "exitplan scanner (read-only)",
        "IsCustom": True,
        "Description": (
            "Reads what exitplan scan azure reads. Resources of types not listed here are "
            f"hidden from the scan by Azure; grant {BUILT_IN} for a complete inventory."
        ),
        "Actions": actions(resource_graph),
        "NotActions": [],
        "DataActions": [],
        "NotDataActions": [],
        "AssignableScopes": scopes,
    }
    return json.dumps(role, indent=2) + "\n"
