"""`exitplan scan gcp` and `exitplan permissions gcp`."""

from __future__ import annotations

from connectors.interface import UNITS, Connector, Option, Permissions, Registration, Run, Values


def _build(values: Values, run: Run) -> Connector:
    from connectors.gcp.connector import GcpConnector, GcpOptions

    return GcpConnector(
        GcpOptions(
            organizations=values["organization"],
            folders=values["folder"],
            projects=values["project"],
            max_workers=values["max_workers"],
            searches_per_minute=values["searches_per_minute"],
            progress=run.progress,
        )
    )


def _role(values: Values) -> str:
    from connectors.gcp.permissions import custom_role

    return custom_role()


GCP = Registration(
    name="gcp",
    summary="Inventory Google Cloud projects read-only with Cloud Asset's resource search.",
    details="Options repeat (--project a --project b) and take commas. A project that cannot "
    "be read (search denied, retries run out) becomes a gap; the scan then exits 1. Cloud "
    "Asset disabled in the credentials' quota project, or expired credentials, stop it "
    "(exit 2).\n\n"
    "Example: exitplan scan gcp --organization 123456789012 --out inventory-gcp.json",
    unit=UNITS["gcp"],
    options=(
        Option(
            "--organization", "Every project of an organisation.", metavar="ID", repeatable=True
        ),
        Option("--folder", "Every project below a folder.", metavar="ID", repeatable=True),
        Option("--project", "A project; default: gcloud's.", metavar="ID", repeatable=True),
        Option("--max-workers", "Projects read in parallel.", int, 16, metavar="N"),
        Option(
            "--searches-per-minute",
            "Cloud Asset searches a minute at most (the quota is 400 per quota project).",
            int,
            300,
            metavar="N",
        ),
    ),
    build=_build,
    permissions=Permissions(
        summary="Print what `exitplan scan gcp` needs: two predefined roles, or a custom role "
        "with exactly the permissions of the calls it makes (YAML for gcloud iam roles create).",
        details="Example: exitplan permissions gcp > exitplan-role.yaml",
        render=_role,
    ),
)
