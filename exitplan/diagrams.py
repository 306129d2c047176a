"""The plan's diagrams, each built from a finished Plan through the one Mermaid writer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise

from markupsafe import Markup

from .comparison import Comparison, quadrant
from .i18n import _
from .markdown import escape as markdown_escape
from .markdown import number
from .mermaid import Flowchart, Gantt, fenced
from .planning import Wave
from .schedule import Schedule

# A wave lists this many workloads by name, the rest as "and N more": the diagram shows
# the order of the move; the tables of section 9 list every workload.
WAVE_NODES = 8


def waves(plan_waves: Sequence[Wave]) -> Markup:
    """The migration waves left to right, each a box of its workloads titled with its
    expected duration, as a Markdown code block."""
    chart = Flowchart("LR")
    boxes = []
    for wave in plan_waves:
        weeks = number(wave.weeks.mean)
        title = _("Wave {number}: {name}, about {weeks} weeks")
        box = chart.subgraph(title.format(number=wave.number, name=wave.name, weeks=weeks))
        shown = wave.workloads[:WAVE_NODES]
        for workload in shown:
            chart.node(workload.name, within=box)
        if len(wave.workloads) > len(shown):
            more = _("and {count} more").format(count=len(wave.workloads) - len(shown))
            chart.node(more, within=box)
        boxes.append(box)
    for box, after in pairwise(boxes):
        chart.edge(box, after)
    return Markup(fenced(chart.source()))


def scenarios(comparison: Comparison) -> Markup:
    """The scenarios as points of one-time cost against lock-in after the move, with the
    legend that names each point."""
    chart, legend = quadrant(comparison)
    lines = [chart, ""]
    lines += [f"- {name}: {markdown_escape(o.scenario.name)}" for name, o in legend]
    return Markup("\n".join(lines) + "\n")


def calendar(plan_schedule: Schedule) -> Markup:
    """The dated plan as a Gantt chart: foundations, waves, then each contract's notice,
    transition and retrieval periods and each free-exit window."""
    chart = Gantt(plan_schedule.start)
    sections = (
        (_("Foundations"), [d for d in plan_schedule.waves if not d.wave.workloads]),
        (_("Waves"), [d for d in plan_schedule.waves if d.wave.workloads]),
    )
    for title, dated in sections:
        if dated:
            chart.section(title)
        for entry in dated:
            name = _("Wave {number}: {name}").format(number=entry.wave.number, name=entry.wave.name)
            chart.task(name, entry.days, on=entry.first)
    if plan_schedule.contracts or plan_schedule.programmes:
        chart.section(_("Contract periods"))
    for periods in plan_schedule.contracts:
        named = str(periods.contract)
        for what, first, last in (
            (_("notice"), periods.notice_by, periods.transition[0] - dt.timedelta(days=1)),
            (_("transition"), *periods.transition),
            (_("retrieval"), *periods.retrieval),
        ):
            chart.task(f"{named}, {what}", (last - first).days + 1, on=first)
    for window in plan_schedule.programmes:
        chart.task(window.programme.name, (window.last - window.first).days + 1, on=window.first)
    return Markup(fenced(chart.source()))
