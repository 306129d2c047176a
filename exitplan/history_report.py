"""`exitplan diff --out FILE.md`: the diff as Markdown, with a burn-down of the store's
snapshots (resources still on each provider, per inventory date) as a Mermaid chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .i18n import _
from .markdown import escape
from .mermaid import LineChart, fenced
from .store import Snapshot


def burndown(points: Sequence[tuple[str, int]]) -> str | None:
    """Resources at each point (a label, oldest first) as a fenced Mermaid line chart;
    None with fewer than two points."""
    if len(points) < 2:
        return None
    chart = LineChart(
        _("Resources still on the hyperscalers"),
        _("resources"),
        tuple(label for label, _count in points),
    )
    chart.line(tuple(float(count) for _label, count in points))
    return fenced(chart.source())


def render_diff(data: dict[str, Any], snapshots: Sequence[Snapshot]) -> str:
    effort, lock = data["effort_left_person_days"], data["lock_in"]
    lines = [
        "# "
        + _("Exit progress: {a} to {b}").format(a=escape(data["baseline"]), b=escape(data["now"])),
        "",
        f"| {_('item')} | {_('baseline')} | {_('now')} |",
        "|---|---:|---:|",
        f"| {_('resources on the hyperscalers')} | "
        f"{sum(p['baseline'] for p in data['progress']['providers']):,} | "
        f"{sum(p['now'] for p in data['progress']['providers']):,} |",
        f"| {_('effort left, person-days (expected)')} | "
        f"{effort['baseline']:,} | {effort['now']:,} |",
        f"| {_('lock-in score (0-100)')} | {lock['baseline']} | {lock['now']} |",
        f"| {_('scan gaps')} | {data['gaps']['baseline']} | {data['gaps']['now']} |",
        "",
    ]
    chart = burndown([(f"{s.as_of[:10]} ({s.id})", s.resources) for s in snapshots])
    if chart:
        lines += ["## " + _("Burn-down"), "", chart]
    lines += [
        "## " + _("Per workload"),
        "",
        f"| {_('workload')} | {_('baseline')} | {_('now')} | {_('gone')} | {_('new')} | "
        f"{_('effort left, person-days')} | {_('lock-in now')} |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for p in data["progress"]["workloads"]:
        lock = "" if p["lock_in_now"] is None else str(p["lock_in_now"])
        lines.append(
            f"| {escape(p['workload'])} | {p['baseline']} | {p['now']} | {p['gone']} | "
            f"{p['new']} | {p['effort_left_person_days']} | {lock} |"
        )
    lines += [
        "",
        "## " + _("Per provider"),
        "",
        f"| {_('provider')} | {_('baseline')} | {_('now')} | {_('gone')} | {_('new')} |",
        "|---|---:|---:|---:|---:|",
    ]
    for p in data["progress"]["providers"]:
        lines.append(
            f"| {escape(p['provider'])} | {p['baseline']} | {p['now']} | {p['gone']} | {p['new']} |"
        )
    lines.append("")
    lines.append(
        _("Resources gone are not told apart as moved or retired: record that in the "
          "runbooks' actuals.")
    )  # fmt: skip
    for key, title in (("added", _("Added")), ("removed", _("Removed")), ("changed", _("Changed"))):
        rows = data[key]
        if not rows:
            continue
        head = [_("provider"), _("type"), _("name"), _("id")]
        if key == "changed":
            head.append(_("fields changed"))
        lines += ["", "## " + title, "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for r in rows:
            cells = [escape(r["provider"]), escape(r["type"]), escape(r["name"]), escape(r["id"])]
            if key == "changed":
                cells.append(escape(", ".join(r["fields"])))
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
