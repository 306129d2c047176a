"""`exitplan scan azure` and `exitplan permissions azure`."""

from __future__ import annotations

import logging

from connectors.interface import UNITS, Connector, Option, Permissions, Registration, Run, Values


def _build(values: Values, run: Run) -> Connector:
    from connectors.azure.connector import AzureConnector, AzureOptions

    if not run.debug:
        # azure-identity logs each failed way of signing in as a warning; the error the
        # scan raises says the same once. With --debug, Python's default handler shows them.
        logging.getLogger("azure").addHandler(logging.NullHandler())
    return AzureConnector(
        AzureOptions(
            tenant=values["tenant"],
            subscriptions=values["subscriptions"],
            resource_graph=values["resource_graph"],
            monitor=values["monitor"],
            max_workers=values["max_workers"],
            progress=run.progress,
        )
    )


def _role(values: Values) -> str:
    from connectors.azure.permissions import custom_role

    scopes = [f"/subscriptions/{s}" for s in values["subscriptions"]]
    scopes += [
        f"/providers/Microsoft.Management/managementGroups/{g}" for g in values["management_group"]
    ]
    return custom_role(scopes, values["resource_graph"])


AZURE = Registration(
    name="azure",
    summary="Inventory Azure subscriptions read-only, with Resource Manager or Resource Graph.",
    details="Credentials come from DefaultAzureCredential: environment, managed identity, or "
    "az login. A subscription or type that cannot be read becomes a gap; the scan then exits "
    "1.\n\n"
    "Example: exitplan scan azure --subscriptions 00000000-0000-0000-0000-000000000000",
    unit=UNITS["azure"],
    options=(
        Option(
            "--subscriptions",
            "Subscriptions; default: all readable.",
            metavar="ID",
            repeatable=True,
        ),
        Option("--tenant", "Tenant to sign in to.", metavar="ID"),
        Option("--resource-graph", "Read through Azure Resource Graph (large tenants).", bool),
        Option("--monitor/--no-monitor", "Storage used capacity from Azure Monitor.", bool, True),
        Option("--max-workers", "Subscriptions read in parallel.", int, 16, metavar="N"),
    ),
    build=_build,
    permissions=Permissions(
        summary="Print a custom role (JSON for az role definition create) with exactly the "
        "actions `exitplan scan azure` uses. The built-in Reader role covers them all, and "
        "only Reader lets the scan see resources of every type.",
        details="Example: exitplan permissions azure --subscriptions ID > exitplan-role.json",
        render=_role,
        options=(
            Option(
                "--subscriptions",
                "Where the role may be assigned.",
                metavar="ID",
                repeatable=True,
            ),
            Option(
                "--management-group",
                "Where the role may be assigned.",
                metavar="ID",
                repeatable=True,
            ),
            Option("--resource-graph", "Add what --resource-graph scans need.", bool),
        ),
    ),
)
