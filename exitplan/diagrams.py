"""The plan's diagrams, each built from a finished Plan through the one Mermaid writer."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import pairwise

from markupsafe import Markup

from .comparison import Comparison, quadrant
from .history_report import burndown
from .i18n import _
from .markdown import escape as markdown_escape
from .markdown import number
from .mermaid import Flowchart, Gantt, Pie, fenced
from .planning import CategoryRow, Plan, Wave
from .schedule import Schedule

# A wave lists this many workloads by name, the rest as "and N more": the diagram shows
# the order of the move; the tables of section 9 list every workload.
WAVE_NODES = 8
# The mapping shows this many categories, the largest, one by one; the rest as one node per
# source provider, so that it stays readable at a hundred categories and more. Section 6
# lists every category.
MAP_CATEGORIES = 12


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


def categories_pie(plan: Plan) -> Markup:
    """The estate's resources by service category: the summary's slices as a pie chart."""
    chart = Pie()
    for part in plan.summary.slices:
        chart.slice(part.label, part.resources)
    return Markup(fenced(chart.source()))


def mapping(plan: Plan) -> Markup:
    """How the source services map to the target platform: per source provider its
    categories (with their resources) on the left, per target provider the services chosen
    on the right, self-hosted ones marked; resources without an alternative go to a node of
    their own that is no target."""
    chart = Flowchart("LR")
    ranked = sorted(plan.categories, key=lambda r: (-r.resources, r.category.name, r.category.id))
    shown = ranked[:MAP_CATEGORIES]
    edges = _source_nodes(chart, shown, plan)
    targets = _target_nodes(chart, shown, plan)
    ends = {target for _source, target in edges}
    if _REST in ends:
        targets[_REST] = chart.node(_("their alternatives, in section 6"))
    if _NOWHERE in ends:
        targets[_NOWHERE] = chart.node(_("no target yet: decide in section 7"))
    for source, target in edges:
        chart.edge(source, targets[target])
    return Markup(fenced(chart.source()))


def _source_nodes(
    chart: Flowchart, shown: Sequence[CategoryRow], plan: Plan
) -> list[tuple[str, str]]:
    """Per source provider a subgraph of its categories shown, the others as one node and
    those without an alternative as another: (node id, its target: a category id, _REST or
    _NOWHERE)."""
    listed = {row.category.id for row in shown}
    sources: dict[str, Counter[str]] = defaultdict(Counter)  # provider -> category -> count
    for row in plan.categories:
        for _workload, item in row.items:
            sources[item.mapping.resource.provider][row.category.id] += 1
    unmapped: Counter[str] = Counter()
    for u in plan.unmapped_types:
        unmapped[u.provider] += len(u.resources)
    edges = []
    for provider in sorted(set(sources) | set(unmapped)):
        box = chart.subgraph(_("{provider} today").format(provider=provider))
        counts = sources.get(provider, Counter())
        for row in shown:
            if counts[row.category.id]:
                text = f"{row.category.name} ({counts[row.category.id]})"
                edges.append((chart.node(text, within=box), row.category.id))
        others = {c: n for c, n in counts.items() if c not in listed}
        if others:
            text = _("other categories: {count} ({resources})").format(
                count=len(others), resources=sum(others.values())
            )
            edges.append((chart.node(text, within=box), _REST))
        if unmapped[provider]:
            text = _("no known alternative ({resources})").format(resources=unmapped[provider])
            edges.append((chart.node(text, within=box), _NOWHERE))
    return edges


# Keys of the two nodes that are no category's target (category ids have no spaces).
_REST = "other categories"
_NOWHERE = "no target"


def _target_nodes(chart: Flowchart, shown: Sequence[CategoryRow], plan: Plan) -> dict[str, str]:
    """One node per category shown, in a subgraph per target provider; the platforms built
    for self-hosted software too, with nothing pointing to them. Category id -> node id."""
    by_provider: dict[str, list[tuple[str, str]]] = defaultdict(list)  # name -> (id, label)
    for row in shown:
        name = row.provider.name if row.provider else _("not placed on a provider")
        text = row.alternative.name
        if row.self_hosted:
            text = _("{alternative}, run by you (self-hosted)").format(alternative=text)
        by_provider[name].append((row.category.id, text))
    names = {p.id: p.name for p in plan.chosen_providers}
    for platform in plan.platforms:
        name = names.get(platform.provider or "", platform.provider or "-")
        text = _("{alternative}, platform for self-hosted software").format(
            alternative=platform.alternative.name
        )
        by_provider[name].append(("", text))
    nodes = {}
    for name in sorted(by_provider):
        box = chart.subgraph(_("target: {provider}").format(provider=name))
        for category_id, text in by_provider[name]:
            node = chart.node(text, within=box)
            if category_id:
                nodes[category_id] = node
    return nodes


def progress(points: Sequence[tuple[dt.date, int]]) -> Markup:
    """The burn-down of the estate's inventories kept in the history store."""
    return Markup(burndown([(day.isoformat(), count) for day, count in points]) or "")
