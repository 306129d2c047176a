"""An audit's findings as people and machines read them: the terminal summary, JSON of a
published schema (`exitplan schema audit`), JUnit XML for CI servers, and a Markdown
report. Everything a finding quotes from a plan is untrusted: the terminal and XML get
it through `visible`, the Markdown through the plan's own escaping."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import __version__, markdown
from ..i18n import _, ngettext
from ..untrusted import json_text, visible
from .findings import SEVERITIES, Finding, Severity

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Audit:
    """What one run of `exitplan audit` found."""

    as_of: dt.date
    frameworks: tuple[str, ...]
    fail_on: Severity
    plans: tuple[str, ...]  # in the order read
    findings: tuple[Finding, ...]  # per plan in RULES order, then the estate's
    inventories: tuple[str, ...] = ()

    @property
    def failing(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.at_least(self.fail_on))

    @property
    def passed(self) -> bool:
        return not self.failing

    def of(self, plan: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.plan == plan)

    @property
    def groups(self) -> tuple[str, ...]:
        """The plans, then what else findings are about (an inventory), each once."""
        return tuple(dict.fromkeys([*self.plans, *(f.plan for f in self.findings)]))


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceOut(_Out):
    requirement: str = Field(description="the requirement's id in exitplan's requirements")
    url: str = Field(description="where the requirement's text is")


class FindingOut(_Out):
    id: str = Field(description="the rule's id, with what it is about where it has several")
    rule: str
    severity: Literal["info", "low", "medium", "high"]
    plan: str = Field(description="the plan's path, or the inventory's for coverage findings")
    section: str | None = Field(description="the heading it is under; null: the whole plan")
    position: int | None = Field(description="line (Markdown, plan.json) or paragraph (Word)")
    title: str
    evidence: str = Field(description="a short quote from the plan, or what is missing")
    sources: list[SourceOut]


class AuditOut(_Out):
    schema_version: Literal[1]
    tool: Literal["exitplan"]
    tool_version: str
    as_of: dt.date = Field(description="the day dates were judged against")
    frameworks: list[str]
    fail_on: Literal["info", "low", "medium", "high"]
    passed: bool = Field(description="no finding at or above fail_on")
    plans: list[str]
    inventories: list[str]
    counts: dict[str, int] = Field(description="findings per severity")
    findings: list[FindingOut]


def audit_schema() -> dict[str, Any]:
    return AuditOut.model_json_schema()


def audit_data(audit: Audit) -> dict[str, Any]:
    out = AuditOut(
        schema_version=SCHEMA_VERSION,
        tool="exitplan",
        tool_version=__version__,
        as_of=audit.as_of,
        frameworks=list(audit.frameworks),
        fail_on=audit.fail_on,
        passed=audit.passed,
        plans=list(audit.plans),
        inventories=list(audit.inventories),
        counts={s: sum(f.severity == s for f in audit.findings) for s in SEVERITIES},
        findings=[
            FindingOut(
                id=f.id,
                rule=f.rule,
                severity=f.severity,
                plan=f.plan,
                section=f.section,
                position=f.position,
                title=f.title,
                evidence=f.evidence,
                sources=[SourceOut(requirement=s.requirement, url=s.url) for s in f.sources],
            )
            for f in audit.findings
        ],
    )
    return out.model_dump(mode="json")


def audit_json(audit: Audit) -> str:
    return json_text(audit_data(audit))


def _place(finding: Finding) -> str:
    if finding.section is None and finding.position is None:
        return ""
    where = finding.section or ""
    if finding.position is not None:
        where = _("{section} (at {position})").format(section=where, position=finding.position)
    return where.strip()


def terminal(audit: Audit) -> str:
    lines = []
    for group in audit.groups:
        found = audit.of(group)
        lines.append(
            ngettext("{plan}: {count} finding", "{plan}: {count} findings", len(found)).format(
                plan=visible(group), count=len(found)
            )
            if found
            else _("{plan}: no findings").format(plan=visible(group))
        )
        for f in found:
            place = _place(f)
            lines.append(f"  {_(f.severity):6} {f.id}  {visible(f.evidence)}")
            if place:
                lines.append("         " + _("at {place}").format(place=visible(place)))
    counts = ", ".join(
        f"{sum(f.severity == s for f in audit.findings)} {_(s)}" for s in reversed(SEVERITIES)
    )
    verdict = _("passed") if audit.passed else _("failed")
    lines.append(
        _(
            "audit {verdict}: {plans} plans, findings: {counts} (fails on {fail_on} and above)"
        ).format(verdict=verdict, plans=len(audit.plans), counts=counts, fail_on=_(audit.fail_on))
    )
    return "\n".join(lines)


def markdown_report(audit: Audit) -> str:
    esc = markdown.escape
    verdict = _("passed") if audit.passed else _("failed")
    lines = [
        "# " + _("Audit of exit plans"),
        "",
        _("As of {day}; frameworks: {frameworks}; fails on {fail_on} and above: {verdict}.").format(
            day=audit.as_of.isoformat(),
            frameworks=", ".join(audit.frameworks),
            fail_on=_(audit.fail_on),
            verdict=verdict,
        ),
    ]
    heads = (_("Severity"), _("Finding"), _("Where"), _("Evidence"), _("Requirements"))
    for group in audit.groups:
        lines += ["", "## " + esc(group), ""]
        found = audit.of(group)
        if not found:
            lines.append(_("No findings."))
            continue
        lines += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        for f in found:
            sources = ", ".join(f"[{esc(s.requirement)}](<{_url(s.url)}>)" for s in f.sources)
            cells = (_(f.severity), f"{esc(f.title)} ({esc(f.id)})", esc(_place(f)),
                     esc(f.evidence), sources)  # fmt: skip
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _url(url: str) -> str:
    # Our own addresses from requirements.yaml; angle brackets keep them whole.
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _xml_text(text: str) -> str:
    # XML 1.0 cannot hold most controls even escaped; `visible` writes them out.
    return visible(text)


def junit_xml(audit: Audit, plan_checks: Sequence[str], estate_checks: Sequence[str]) -> str:
    """testsuites, a testsuite per plan (and per inventory), a testcase per check; a
    check fails with a failure element per finding at or above fail_on."""
    root = ET.Element("testsuites", name="exitplan audit")
    total = failures = 0
    for group in audit.groups:
        found = audit.of(group)
        if group in audit.plans:
            rules = [*plan_checks, *(c for c in estate_checks if any(f.rule == c for f in found))]
        else:
            rules = list(estate_checks)
        suite = ET.SubElement(root, "testsuite", name=_xml_text(group))
        failed = 0
        for rule in rules:
            case = ET.SubElement(suite, "testcase", name=rule, classname=_xml_text(group))
            hits = [f for f in found if f.rule == rule]
            failing = [f for f in hits if f.at_least(audit.fail_on)]
            for f in failing:
                failure = ET.SubElement(
                    case, "failure", message=_xml_text(f.title), type=f.severity
                )
                failure.text = _xml_text(_finding_text(f))
            if failing:
                failed += 1
            elif hits:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(_xml_text(_finding_text(f)) for f in hits)
        suite.set("tests", str(len(rules)))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total += len(rules)
        failures += failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _finding_text(f: Finding) -> str:
    place = _place(f)
    parts = [f"{f.id} [{f.severity}] {f.evidence}"]
    if place:
        parts.append(_("at {place}").format(place=place))
    parts += [f"{s.requirement}: {s.url}" for s in f.sources]
    return "\n".join(parts)
