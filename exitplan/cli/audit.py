"""`exitplan audit`: exit plans, whatever wrote them, checked against the rules of the
selected frameworks and, with --inventory, against the estate. Exit 0 when no finding is
at or above --fail-on, 1 when one is, 2 for input that cannot be read."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated, get_args

import typer

from ..audit.collect import read_plans
from ..audit.estate import ESTATE_RULES, audit_estate
from ..audit.findings import RULES, Settings, Severity, audit_plan
from ..audit.policy import Policy, load_policy
from ..audit.report import Audit, audit_json, junit_xml, markdown_report, terminal
from ..audit.vocabulary import shipped
from ..errors import InputError
from ..i18n import _
from ..inventory import load_inventories
from ..reading import DEFAULT_MAX_GIB, max_bytes
from ..requirements import ALWAYS, FRAMEWORKS, check_frameworks
from .common import EXIT_FINDINGS, JsonOption, MaxFileOption, handled, write_out

AUDIT_HELP = _(
    "Audit exit plans (Markdown, Word .docx, exitplan's plan.json, or folders of them): "
    "are the parts of an exit plan there, its owner and approver named, its approval and "
    "last test current and not older than the estate, and, with --inventory, every "
    "critical workload and account covered. Exit 0: passed; 1: findings at or above "
    "--fail-on; 2: input that cannot be read.\n\n"
    "Example: exitplan audit plans/ --inventory inventory.json --junit audit.xml"
)
_SEVERITIES: tuple[str, ...] = get_args(Severity)


@handled
def audit(
    ctx: typer.Context,
    plans: Annotated[
        list[Path],
        typer.Argument(metavar="PLANS", help=_("Plan files, or folders of them.")),
    ],
    inventory: Annotated[
        list[Path] | None,
        typer.Option(
            "--inventory",
            metavar="INV",
            help=_(
                "Inventory JSON to hold the plans against (repeatable; merged): coverage of "
                "critical workloads and accounts, and its scan date as the estate's. "
                "Default: none."
            ),
            show_default=False,
        ),
    ] = None,
    policy: Annotated[
        Path | None,
        typer.Option(
            "--policy",
            metavar="FILE",
            help=_(
                "Audit policy YAML: review_interval_months, fail_on, frameworks, headings, "
                "critical. Default: none (12 months, fail on medium)."
            ),
            show_default=False,
        ),
    ] = None,
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "--framework",
            metavar="NAME",
            help=_(
                "Framework whose requirements the findings cite: {names}. Repeatable; "
                "data-act is always on. Default: the policy's frameworks."
            ).format(names=", ".join(FRAMEWORKS)),
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            metavar="YYYY-MM-DD",
            help=_("The day dates are judged against. Default: today."),
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="SEVERITY",
            help=_(
                "Exit 1 on findings of this severity or higher: info, low, medium, high. "
                "Default: the policy's fail_on, else medium."
            ),
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    junit: Annotated[
        Path | None,
        typer.Option(
            "--junit",
            metavar="FILE",
            help=_("Write JUnit XML for CI: a test suite per plan. Default: none."),
            show_default=False,
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="FILE.md",
            help=_("Write the findings as a Markdown report. Default: none."),
            show_default=False,
        ),
    ] = None,
    max_gib: MaxFileOption = DEFAULT_MAX_GIB,
) -> None:
    limit = max_bytes(max_gib)
    if fail_on is not None and fail_on not in _SEVERITIES:
        raise InputError(
            _("--fail-on {value}: no such severity").format(value=fail_on),
            _("choose from: {names}").format(names=", ".join(_SEVERITIES)),
        )
    chosen = check_frameworks(framework or ())
    vocabulary = shipped()
    rules = Policy()
    if policy is not None:
        rules, vocabulary = load_policy(policy, vocabulary, limit)
    frameworks = tuple(dict.fromkeys([*(chosen or rules.frameworks), ALWAYS]))
    threshold = fail_on or rules.fail_on or "medium"
    documents, _ignored = read_plans(plans, vocabulary, limit)
    read = [d.path for d in documents] + list(inventory or ()) + ([policy] if policy else [])
    for out in (junit, report):
        if out is not None:
            _check_out(out, read)
    loaded = load_inventories(inventory, limit) if inventory else None
    estate = None
    if loaded is not None:
        estate = max(s.scan.finished_at for s in loaded.sources).date()
    day = as_of.date() if as_of else dt.date.today()
    settings = Settings(day, frameworks, rules.interval_months, estate)
    findings = [f for d in documents for f in audit_plan(d, vocabulary, settings)]
    if loaded is not None and inventory:
        name = ", ".join(str(p) for p in inventory)
        findings += audit_estate(documents, loaded.inventory, name, rules.critical, frameworks)
    result = Audit(
        day,
        frameworks,
        threshold,  # type: ignore[arg-type]  # checked against _SEVERITIES above
        tuple(str(d.path) for d in documents),
        tuple(findings),
        tuple(str(p) for p in inventory or ()),
    )
    # Everything is worked out before anything is written: no half of a report.
    if junit is not None:
        write_out(junit, junit_xml(result, [r.id for r in RULES], [r.id for r in ESTATE_RULES]))
    if report is not None:
        write_out(report, markdown_report(result))
    typer.echo(audit_json(result) if as_json else terminal(result))
    if not result.passed:
        raise typer.Exit(EXIT_FINDINGS)


def _check_out(out: Path, read: list[Path]) -> None:
    """A report never replaces a plan, inventory or policy it was made from."""
    if out.is_dir():
        raise InputError(_("{path}: is a directory").format(path=out), _("name a file to write"))
    if os.path.lexists(out) and any(os.path.samefile(out, given) for given in read):
        raise InputError(
            _("{path}: is also a file the audit reads").format(path=out),
            _("name another file to write"),
        )
