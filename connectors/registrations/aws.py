"""`exitplan scan aws` and `exitplan permissions aws`."""

from __future__ import annotations

from connectors.interface import UNITS, Connector, Option, Permissions, Registration, Run, Values


def _build(values: Values, run: Run) -> Connector:
    from connectors.aws import AwsConnector, AwsOptions

    return AwsConnector(
        AwsOptions(
            profile=values["profile"],
            regions=values["regions"],
            org=values["org"],
            role_name=values["role_name"],
            accounts=values["accounts"],
            services=values["services"],
            max_workers=values["max_workers"],
            progress=run.progress,
        )
    )


def _policy(values: Values) -> str:
    from connectors.aws.permissions import policy

    return policy(org=values["org"], role_name=values["role_name"])


AWS = Registration(
    name="aws",
    summary="Inventory AWS accounts read-only: every enabled region, 47 resource types.",
    details="Unreadable accounts, regions or services become gaps in the inventory; the scan "
    "then exits 1. The file is written only when the scan is complete.\n\n"
    "Example: exitplan scan aws --org --regions eu-west-1,eu-central-1 --out inventory-aws.json",
    unit=UNITS["aws"],
    options=(
        Option("--profile", "AWS profile; default: the standard chain.", metavar="NAME"),
        Option(
            "--regions",
            "Regions, comma-separated; default: all enabled.",
            metavar="REGION,...",
            repeatable=True,
        ),
        Option("--org", "Every active account of the AWS Organization.", bool, False),
        Option(
            "--role-name",
            "Role to assume in other accounts.",
            default="OrganizationAccountAccessRole",
            metavar="NAME",
        ),
        Option("--accounts", "Account ids, comma-separated.", metavar="ID,...", repeatable=True),
        Option(
            "--services",
            "Only these services, e.g. ec2,s3,rds.",
            metavar="SERVICE,...",
            repeatable=True,
        ),
        Option("--max-workers", "Parallel calls (per pool of two).", int, 16, metavar="N"),
    ),
    build=_build,
    permissions=Permissions(
        summary="Print the least-privilege IAM policy (JSON) for `exitplan scan aws`.",
        details="Derived from the same service table the scan runs, so it lists exactly the "
        "calls made. Attach it to the scanning identity, and in each member account to the "
        "role assumed.\n\n"
        "Example: exitplan permissions aws --org > exitplan-scan-policy.json",
        render=_policy,
        options=(
            Option("--org", "Add what --org scans need in the management account.", bool, False),
            Option("--role-name", "Role the scan assumes in other accounts."),
        ),
    ),
)
