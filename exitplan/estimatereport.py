"""What `exitplan estimate` prints: a plan's figures without the plan, and one resource's
explanation, as plain data (the JSON shape) and as text made from that data. Pure."""

from __future__ import annotations

from typing import Any

from .explain import Explanation
from .i18n import Number, _
from .markdown import money, size
from .planning import Plan
from .threepoint import ThreePoint, Total
from .untrusted import visible

ESTIMATE_FORMAT = 1  # bumped when a key of the JSON shape changes meaning or goes away


def _three(t: ThreePoint) -> dict[str, float]:
    return {"o": round(t.o, 2), "m": round(t.m, 2), "p": round(t.p, 2), "mean": round(t.mean, 2)}


def _total(t: Total) -> dict[str, float]:
    return {
        "p10": round(t.p10, 2),
        "p50": round(t.p50, 2),
        "mean": round(t.mean, 2),
        "p90": round(t.p90, 2),
        "o": round(t.o, 2),
        "m": round(t.m, 2),
        "p": round(t.p, 2),
    }


def estimate_data(plan: Plan) -> dict[str, Any]:
    est = plan.estimate
    outcome = plan.outcome
    scenario = None
    if outcome is not None:
        scenario = {
            "id": outcome.scenario.id,
            "name": outcome.scenario.name,
            "recommended": plan.comparison is not None
            and plan.comparison.recommended.scenario.id == outcome.scenario.id,
        }
    return {
        "format": ESTIMATE_FORMAT,
        "inventory_as_of": plan.as_of.isoformat(),
        "scenario": scenario,
        "currency": est.profile.currency,
        "totals": {
            "resources": plan.total_resources,
            "effort_person_days": _total(est.effort),
            "resource_person_days": _total(est.resources),
            "platform_person_days": _total(est.platform),
            "programme_person_days": _three(est.programme),
            "cost": _total(est.cost),
            "calendar_weeks": _total(est.calendar_weeks),
            "data_bytes": est.transfer.bytes,
            "transfer_days": _three(est.transfer.days),
            "egress": [
                {
                    "provider": e.provider,
                    "bytes": e.bytes,
                    "usd": round(e.usd, 2),
                    "source": e.source,
                    "currency": e.currency,
                    "amount": round(e.amount, 2),
                    "rate_date": e.rate.date.isoformat() if e.rate else None,
                }
                for e in est.egress
            ],
        },
        "categories": [
            {
                "category": row.category.id,
                "alternative": row.alternative.name,
                "provider": row.provider.id if row.provider else None,
                "hosting": row.hosting.value,
                "strategy": row.strategy,
                "resources": row.resources,
                "data_bytes": row.data_bytes,
                "effort_person_days": _total(row.effort),
            }
            for row in plan.categories
        ],
        "configuration": [
            {
                "entry": row.entry.id,
                "moves_with": row.moves_with.id if row.moves_with else None,
                "resources": row.resources,
                "effort_person_days": _total(row.effort),
            }
            for row in plan.structural_rows
        ],
        "unmapped_types": [
            {
                "provider": u.provider,
                "type": u.type,
                "resources": len(u.resources),
                "effort_person_days": _total(u.effort),
            }
            for u in plan.unmapped_types
        ],
        "platforms": [
            {
                "category": p.category.id,
                "rule": p.rule,
                "hosting": p.hosting.value,
                "effort_person_days": _three(p.effort),
                "operating_fte": p.operating_fte,
            }
            for p in est.platforms
        ],
        "workloads": [
            {
                "workload": w.name,
                "grouped_by": w.grouped_by,
                "wave": w.wave,
                "resources": w.resources,
                "data_bytes": w.data_bytes,
                "effort_person_days": _total(w.effort),
            }
            for w in plan.workloads
        ],
    }


def _range(t: dict[str, float]) -> str:
    return _("{p10:,.1f} / {p50:,.1f} / {p90:,.1f} (expected {mean:,.1f})").format(
        p10=Number(t["p10"]), p50=Number(t["p50"]), p90=Number(t["p90"]), mean=Number(t["mean"])
    )


def _scenario(scenario: dict[str, Any] | None) -> list[str]:
    if scenario is None:
        return []
    why = _("recommended") if scenario["recommended"] else _("chosen with --scenario")
    return [
        _("Scenario: {name} ({id}, {why})").format(
            name=visible(scenario["name"]), id=scenario["id"], why=why
        )
    ]


def estimate_text(data: dict[str, Any]) -> list[str]:
    totals = data["totals"]
    lines = [_("Estimate, inventory of {day}").format(day=data["inventory_as_of"])]
    lines += _scenario(data["scenario"])
    currency = data["currency"]
    lines += [
        "",
        _("Totals, P10 / P50 / P90 (shared risk simulated for the whole estate):"),
        "  " + _("effort, person-days: {range}").format(range=_range(totals["effort_person_days"])),
        "    " + _("resources: {range}").format(range=_range(totals["resource_person_days"])),
        "    " + _("platforms: {range}").format(range=_range(totals["platform_person_days"])),
        "    "
        + _("programme: {mean:,.1f} expected").format(
            mean=Number(totals["programme_person_days"]["mean"])
        ),
        "  "
        + _("cost: {p10} / {p50} / {p90} (expected {mean})").format(
            p10=money(totals["cost"]["p10"], currency),
            p50=money(totals["cost"]["p50"], currency),
            p90=money(totals["cost"]["p90"], currency),
            mean=money(totals["cost"]["mean"], currency),
        ),
        "  " + _("calendar weeks: {range}").format(range=_range(totals["calendar_weeks"])),
        "  "
        + _("data to move: {size}, {days:,.1f} days of transfer (most likely)").format(
            size=size(totals["data_bytes"]), days=Number(totals["transfer_days"]["m"])
        ),
    ]
    for e in totals["egress"]:
        lines.append(
            "  "
            + _("egress from {provider}: {usd:,.0f} {currency} ({source})").format(
                provider=e["provider"],
                usd=Number(e["usd"]),
                currency=e["currency"],
                source=visible(e["source"]),
            )
            + (
                _(", {amount:,.0f} {plan} at the rate of {date}").format(
                    amount=Number(e["amount"]), plan=currency, date=e["rate_date"]
                )
                if e["rate_date"]
                else ""
            )
        )
    lines += ["", _("Per category (person-days, P10 - P90):")]
    for row in data["categories"]:
        lines.append(
            f"  {row['category']:<28} {row['resources']:>7}  "
            f"{_range(row['effort_person_days'])}  {visible(row['alternative'])}"
        )
    for row in data["configuration"]:
        lines.append(
            f"  {row['entry']:<28} {row['resources']:>7}  {_range(row['effort_person_days'])}  "
            + _("configuration")
        )
    for row in data["unmapped_types"]:
        lines.append(
            f"  {visible(row['type']):<28} {row['resources']:>7}  "
            f"{_range(row['effort_person_days'])}  " + _("unmapped")
        )
    lines += ["", _("Per workload (person-days, P10 - P90):")]
    for w in data["workloads"]:
        lines.append(
            f"  {visible(w['workload'])[:40]:<40} "
            + _("wave {wave}").format(wave=w["wave"])
            + f" {w['resources']:>7}  {_range(w['effort_person_days'])}"
        )
    return lines


def explanation_data(x: Explanation) -> dict[str, Any]:
    r = x.resource
    platform = None
    if x.platform is not None:
        platform = {
            "category": x.platform.category.id,
            "rule": x.platform.rule,
            "hosting": x.platform.hosting.value,
            "effort_person_days": _three(x.platform.effort),
            "shared_by_resources": x.platform_resources,
        }
    return {
        "format": ESTIMATE_FORMAT,
        "resource": {
            "id": r.id,
            "provider": r.provider,
            "type": r.type,
            "name": r.name,
            "account": r.account,
            "region": r.region,
            "workload": x.workload,
        },
        "classification": {
            "kind": x.kind,
            "entry": x.entry_id,
            "why": x.why,
            "moves_with": x.moves_with,
        },
        "scenario": (
            {"id": x.scenario_id, "name": x.scenario_name, "recommended": x.recommended}
            if x.scenario_id
            else None
        ),
        "choice": (
            {
                "alternative": x.alternative,
                "provider": x.provider,
                "hosting": x.hosting,
                "reason": x.reason,
                "compatibility": x.compatibility,
            }
            if x.alternative
            else None
        ),
        "strategy": x.strategy,
        "factors": [
            {"rule": f.rule, "key": f.key, "value": list(f.value), "note": f.note}
            for f in x.factors
        ],
        "rules": x.rules,
        "effort_person_days": _three(x.effort),
        "platform": platform,
        "programme": {
            "rule": "E-PROGRAMME",
            "key": "programme_share",
            "value": list(x.programme_share),
            "effort_person_days": _three(x.programme),
        },
    }


def _value(value: list[float]) -> str:
    return "[" + ", ".join(f"{v:g}" for v in value) + "]" if len(value) > 1 else f"{value[0]:g}"


def explanation_text(data: dict[str, Any]) -> list[str]:
    r = data["resource"]
    c = data["classification"]
    lines = [
        _("Resource {id}").format(id=visible(r["id"])),
        "  " + _("name: {name}").format(name=visible(r["name"])),
        "  "
        + _("provider {provider}, account {account}, region {region}").format(
            provider=r["provider"], account=visible(r["account"]), region=visible(r["region"])
        ),
        "  " + _("workload: {workload}").format(workload=visible(r["workload"])),
        "",
        _("Classified as {kind} {entry}: {why}").format(
            kind=c["kind"], entry=visible(c["entry"]), why=visible(c["why"])
        ),
    ]
    lines += _scenario(data["scenario"])
    choice = data["choice"]
    if choice is not None:
        lines += [
            _("Choice: {alternative} on {provider}, {hosting}").format(
                alternative=visible(choice["alternative"]),
                provider=choice["provider"] or "-",
                hosting=choice["hosting"],
            ),
            "  " + _("reason: {reason}").format(reason=visible(choice["reason"])),
            "  " + _("compatibility: {text}").format(text=visible(choice["compatibility"])),
        ]
    lines += [
        _("Strategy: {strategy}").format(strategy=data["strategy"]),
        "",
        _("Rules and inputs:"),
    ]
    for f in data["factors"]:
        note = f" ({visible(f['note'])})" if f["note"] else ""
        lines.append(f"  [{f['rule']}] {f['key']} = {_value(f['value'])}{note}")
    e = data["effort_person_days"]
    lines += [
        "",
        _(
            "Effort, person-days: {o:g} / {m:g} / {p:g} (optimistic / most likely / pessimistic), "
            "mean {mean:g}"
        ).format(**e),
        "  " + _("as the estimate sums it: {rules}").format(rules=visible(data["rules"])),
    ]
    platform = data["platform"]
    if platform is not None:
        pe = platform["effort_person_days"]
        lines.append(
            _(
                "Platform: [{rule}] {category} ({hosting}), {o:g} / {m:g} / {p:g} person-days "
                "once, shared by {count} resources"
            ).format(
                rule=platform["rule"],
                category=platform["category"],
                hosting=platform["hosting"],
                count=platform["shared_by_resources"],
                **pe,
            )
        )
    elif c["moves_with"] is not None:
        lines.append(
            _(
                "Platform: none of its own; rebuilt with {parent}, whose platform effort "
                "counts where the estate has that category"
            ).format(parent=c["moves_with"])
        )
    else:
        lines.append(_("Platform: none (no target service is stood up for it)"))
    prog = data["programme"]
    pe = prog["effort_person_days"]
    lines.append(
        _(
            "Programme: [E-PROGRAMME] programme_share = {share} of this effort adds "
            "{o:g} / {m:g} / {p:g} person-days (mean {mean:g})"
        ).format(share=_value(prog["value"]), **pe)
    )
    return lines
