"""`exitplan scan PROVIDER` and `exitplan permissions PROVIDER`.

A connector's SDK is imported only when its command runs, so `exitplan plan` starts without
loading boto3."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..inventory import in_order
from .common import JsonOption, QuietOption, check_out_file, handled, progress, write_inventory

if TYPE_CHECKING:
    from connectors.interface import Connector, Progress

scan_app = typer.Typer(
    help="Inventory a cloud, read-only, into an Inventory JSON file.\n\n"
    "Example: exitplan scan aws --regions eu-west-1,eu-central-1",
    no_args_is_help=True,
)
permissions_app = typer.Typer(
    help="Print what a scan needs to be granted.\n\nExample: exitplan permissions aws",
    no_args_is_help=True,
)


def _split(values: list[str] | None) -> tuple[str, ...]:
    """Options accept repeats and commas alike: --regions a,b --regions c."""
    found = [part.strip() for value in values or () for part in value.split(",")]
    return tuple(dict.fromkeys(part for part in found if part))


def _progress_printer(quiet: bool) -> Callable[[Progress], None] | None:
    if quiet:
        return None
    tty = sys.stderr.isatty()
    shown = {"tenth": -1}

    def show(p: Progress) -> None:
        line = f"exitplan: scanned {p.done}/{p.total} units, {p.resources} resources, {p.gaps} gaps"
        if tty:
            end = "\n" if p.done == p.total else ""
            sys.stderr.write("\r" + line + end)
            sys.stderr.flush()
            return
        tenth = 10 * p.done // max(p.total, 1)
        if tenth != shown["tenth"]:
            shown["tenth"] = tenth
            typer.echo(line, err=True)

    return show


@scan_app.command("aws")
@handled
def scan_aws(
    ctx: typer.Context,
    profile: Annotated[
        str | None,
        typer.Option("--profile", metavar="NAME", help="AWS profile; default: the standard chain."),
    ] = None,
    regions: Annotated[
        list[str] | None,
        typer.Option(
            "--regions",
            metavar="REGION,...",
            help="Regions, comma-separated; default: all enabled.",
        ),
    ] = None,
    org: Annotated[
        bool, typer.Option("--org", help="Every active account of the AWS Organization.")
    ] = False,
    role_name: Annotated[
        str, typer.Option("--role-name", metavar="NAME", help="Role to assume in other accounts.")
    ] = "OrganizationAccountAccessRole",
    accounts: Annotated[
        list[str] | None,
        typer.Option("--accounts", metavar="ID,...", help="Account ids, comma-separated."),
    ] = None,
    services: Annotated[
        list[str] | None,
        typer.Option(
            "--services", metavar="SERVICE,...", help="Only these services, e.g. ec2,s3,rds."
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Inventory file to write.")] = Path(
        "inventory-aws.json"
    ),
    max_workers: Annotated[
        int, typer.Option("--max-workers", metavar="N", help="Parallel calls (per pool of two).")
    ] = 16,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Inventory AWS accounts read-only: every enabled region, 47 resource types.

    Unreadable accounts, regions or services become gaps in the inventory; the scan
    then exits 1. The file is written only when the scan is complete.

    Example: exitplan scan aws --org --regions eu-west-1,eu-central-1 --out inventory-aws.json
    """
    from connectors.aws import AwsConnector, AwsOptions

    check_out_file(out)
    connector = AwsConnector(
        AwsOptions(
            profile=profile,
            regions=_split(regions),
            org=org,
            role_name=role_name,
            accounts=_split(accounts),
            services=_split(services),
            max_workers=max_workers,
            progress=_progress_printer(quiet),
        )
    )
    _run(connector, "account", out, as_json, quiet)


def _run(connector: Connector, unit: str, out: Path, as_json: bool, quiet: bool) -> None:
    """Discover, scan, write the inventory at once, report; exit 1 when there are gaps."""
    from connectors.interface import scan

    scopes = connector.discover()
    progress(quiet, f"scanning {sum(s.kind == unit for s in scopes)} {unit}(s)")
    write_inventory(in_order(scan(connector, scopes)), out, as_json)


@scan_app.command("gcp")
@handled
def scan_gcp(
    ctx: typer.Context,
    organization: Annotated[
        list[str] | None,
        typer.Option("--organization", metavar="ID", help="Every project of an organisation."),
    ] = None,
    folder: Annotated[
        list[str] | None,
        typer.Option("--folder", metavar="ID", help="Every project below a folder."),
    ] = None,
    project: Annotated[
        list[str] | None,
        typer.Option("--project", metavar="ID", help="A project; default: gcloud's."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Inventory file to write.")] = Path(
        "inventory-gcp.json"
    ),
    max_workers: Annotated[
        int, typer.Option("--max-workers", metavar="N", help="Projects read in parallel.")
    ] = 16,
    searches_per_minute: Annotated[
        int,
        typer.Option(
            "--searches-per-minute",
            metavar="N",
            help="Cloud Asset searches a minute at most (the quota is 400 per quota project).",
        ),
    ] = 300,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Inventory Google Cloud projects read-only with Cloud Asset's resource search.

    Options repeat (--project a --project b) and take commas. A project that cannot be
    read (search denied, retries run out) becomes a gap; the scan then exits 1. Cloud Asset
    disabled in the credentials' quota project, or expired credentials, stop it (exit 2).

    Example: exitplan scan gcp --organization 123456789012 --out inventory-gcp.json
    """
    from connectors.gcp.connector import GcpConnector, GcpOptions

    check_out_file(out)
    connector = GcpConnector(
        GcpOptions(
            organizations=_split(organization),
            folders=_split(folder),
            projects=_split(project),
            max_workers=max_workers,
            searches_per_minute=searches_per_minute,
            progress=_progress_printer(quiet),
        )
    )
    _run(connector, "project", out, as_json, quiet)


@scan_app.command("azure")
@handled
def scan_azure(
    ctx: typer.Context,
    subscriptions: Annotated[
        list[str] | None,
        typer.Option("--subscriptions", metavar="ID", help="Subscriptions; default: all readable."),
    ] = None,
    tenant: Annotated[
        str | None, typer.Option("--tenant", metavar="ID", help="Tenant to sign in to.")
    ] = None,
    resource_graph: Annotated[
        bool,
        typer.Option("--resource-graph", help="Read through Azure Resource Graph (large tenants)."),
    ] = False,
    monitor: Annotated[
        bool,
        typer.Option("--monitor/--no-monitor", help="Storage used capacity from Azure Monitor."),
    ] = True,
    out: Annotated[Path, typer.Option("--out", "-o", help="Inventory file to write.")] = Path(
        "inventory-azure.json"
    ),
    max_workers: Annotated[
        int, typer.Option("--max-workers", metavar="N", help="Subscriptions read in parallel.")
    ] = 16,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Inventory Azure subscriptions read-only, with Resource Manager or Resource Graph.

    Credentials come from DefaultAzureCredential: environment, managed identity, or az
    login. A subscription or type that cannot be read becomes a gap; the scan then exits 1.

    Example: exitplan scan azure --subscriptions 00000000-0000-0000-0000-000000000000
    """
    import logging

    from connectors.azure.connector import AzureConnector, AzureOptions

    if not ctx.meta.get("exitplan.debug"):
        # azure-identity logs each failed way of signing in as a warning; the error below
        # says the same once. With --debug, Python's default handler shows them.
        logging.getLogger("azure").addHandler(logging.NullHandler())
    check_out_file(out)
    connector = AzureConnector(
        AzureOptions(
            tenant=tenant,
            subscriptions=_split(subscriptions),
            resource_graph=resource_graph,
            monitor=monitor,
            max_workers=max_workers,
            progress=_progress_printer(quiet),
        )
    )
    _run(connector, "subscription", out, as_json, quiet)


@permissions_app.command("aws")
@handled
def permissions_aws(
    ctx: typer.Context,
    org: Annotated[
        bool, typer.Option("--org", help="Add what --org scans need in the management account.")
    ] = False,
    role_name: Annotated[
        str | None, typer.Option("--role-name", help="Role the scan assumes in other accounts.")
    ] = None,
) -> None:
    """Print the least-privilege IAM policy (JSON) for `exitplan scan aws`.

    Derived from the same service table the scan runs, so it lists exactly the calls made.
    Attach it to the scanning identity, and in each member account to the role assumed.

    Example: exitplan permissions aws --org > exitplan-scan-policy.json
    """
    from connectors.aws.permissions import policy

    typer.echo(policy(org=org, role_name=role_name), nl=False)


@permissions_app.command("gcp")
@handled
def permissions_gcp(ctx: typer.Context) -> None:
    """Print what `exitplan scan gcp` needs: two predefined roles, or a custom role with
    exactly the permissions of the calls it makes (YAML for gcloud iam roles create).

    Example: exitplan permissions gcp > exitplan-role.yaml
    """
    from connectors.gcp.permissions import custom_role

    typer.echo(custom_role(), nl=False)


@permissions_app.command("azure")
@handled
def permissions_azure(
    ctx: typer.Context,
    subscriptions: Annotated[
        list[str] | None,
        typer.Option("--subscriptions", metavar="ID", help="Where the role may be assigned."),
    ] = None,
    management_group: Annotated[
        list[str] | None,
        typer.Option("--management-group", metavar="ID", help="Where the role may be assigned."),
    ] = None,
    resource_graph: Annotated[
        bool, typer.Option("--resource-graph", help="Add what --resource-graph scans need.")
    ] = False,
) -> None:
    """Print a custom role (JSON for az role definition create) with exactly the actions
    `exitplan scan azure` uses. The built-in Reader role covers them all, and only Reader
    lets the scan see resources of every type.

    Example: exitplan permissions azure --subscriptions ID > exitplan-role.json
    """
    from connectors.azure.permissions import custom_role

    scopes = [f"/subscriptions/{s}" for s in _split(subscriptions)]
    scopes += [
        f"/providers/Microsoft.Management/managementGroups/{g}" for g in _split(management_group)
    ]
    typer.echo(custom_role(scopes, resource_graph), nl=False)
