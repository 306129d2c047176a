"""The one writer of Mermaid diagrams. Node ids are ours (`n1`, `s1`, ...), never taken from
input; every label is untrusted text and goes through `label`, so that no value can end the
diagram's code block, a label or a subgraph, start a statement, add a click, a link or an
`%%{init}%%` directive, or become HTML where Mermaid renders labels as HTML."""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field

from .i18n import _
from .untrusted import visible

# Kept as they are; every other ASCII character is written as Mermaid's entity code
# (`#34;`), which Mermaid turns into an HTML character reference when it draws: text, never
# markup. Among them: `"` ends a quoted label and `:` a Gantt task's name, `#...;` is read
# as an entity, `%%` starts a directive anywhere in a diagram, a backtick makes a Markdown
# label and ``` ends the Markdown code block, `<` `>` `&` are HTML, `$$` starts a formula
# and `fa:` an icon.
_KEPT = frozenset(string.ascii_letters + string.digits + " -_.,/()")
# Mermaid marks the entities it has read with these characters and turns them back into
# `&` and `;` after drawing; in a label they would forge an HTML character reference.
_MARKERS = frozenset("\ufb02\xb0\xb6\xdf")
_DIRECTIONS = frozenset({"TB", "TD", "BT", "LR", "RL"})


def label(text: object) -> str:
    """Untrusted text as a quoted Mermaid label, on one line, shown as exactly that text
    (controls and invisible characters made visible first)."""
    return f'"{_coded(text)}"'


def bare_label(text: object) -> str:
    """`label` for where Mermaid takes text unquoted, up to a `:` or the end of the line (a
    Gantt chart's title, sections and tasks). Its first character is always coded, so that
    the text cannot start with a keyword (`click`, `section`, `excludes`, ...)."""
    coded = _coded(text)
    return coded if coded.startswith("#") else f"#{ord(coded[0])};{coded[1:]}"


def _coded(text: object) -> str:
    shown = visible(" ".join(str(text).split()))
    coded = "".join(
        char if char in _KEPT or (not char.isascii() and char not in _MARKERS) else f"#{ord(char)};"
        for char in shown
    )
    # Mermaid's lexers want at least one character of text.
    return coded or "#32;"


@dataclass
class _Subgraph:
    id: str
    title: str
    members: list[str] = field(default_factory=list)  # node and subgraph ids, in order


@dataclass
class Flowchart:
    """A flowchart: nodes with labels, nested subgraphs with titles, edges with optional
    labels. Statements come out in the order they were added, so output is deterministic."""

    direction: str = "LR"
    # node id -> label; subgraphs by id; the ids outside any subgraph; edges, in order
    _labels: dict[str, str] = field(default_factory=dict, init=False)
    _subgraphs: dict[str, _Subgraph] = field(default_factory=dict, init=False)
    _top: list[str] = field(default_factory=list, init=False)
    _edges: list[tuple[str, str, str | None]] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        if self.direction not in _DIRECTIONS:
            raise ValueError(
                _("unknown flowchart direction {direction!r}").format(direction=self.direction)
            )

    def node(self, text: object, *, within: str | None = None) -> str:
        """Add a node labelled `text`, inside subgraph `within` if given; returns its id."""
        node_id = f"n{len(self._labels) + 1}"
        self._labels[node_id] = label(text)
        self._place(node_id, within)
        return node_id

    def subgraph(self, title: object, *, within: str | None = None) -> str:
        """Add a subgraph titled `title`, inside subgraph `within` if given; returns its id."""
        sub_id = f"s{len(self._subgraphs) + 1}"
        self._subgraphs[sub_id] = _Subgraph(sub_id, label(title))
        self._place(sub_id, within)
        return sub_id

    def edge(self, source: str, target: str, text: object | None = None) -> None:
        """An arrow from node or subgraph `source` to `target`, labelled `text` if given."""
        for end in (source, target):
            if end not in self._labels and end not in self._subgraphs:
                raise ValueError(_("edge to unknown node {end!r}").format(end=end))
        self._edges.append((source, target, None if text is None else label(text)))

    def source(self) -> str:
        """The diagram's Mermaid text, ending with a line break."""
        lines = [f"flowchart {self.direction}"]
        for member in self._top:
            self._write(member, 1, lines)
        for source, target, text in self._edges:
            arrow = "-->" if text is None else f"-->|{text}|"
            lines.append(f"    {source} {arrow} {target}")
        return "\n".join(lines) + "\n"

    def _place(self, new_id: str, within: str | None) -> None:
        if within is None:
            self._top.append(new_id)
        elif within in self._subgraphs:
            self._subgraphs[within].members.append(new_id)
        else:
            raise ValueError(_("unknown subgraph {within!r}").format(within=within))

    def _write(self, member: str, depth: int, lines: list[str]) -> None:
        indent = "    " * depth
        sub = self._subgraphs.get(member)
        if sub is None:
            lines.append(f"{indent}{member}[{self._labels[member]}]")
            return
        lines.append(f"{indent}subgraph {sub.id} [{sub.title}]")
        for inner in sub.members:
            self._write(inner, depth + 1, lines)
        lines.append(f"{indent}end")


@dataclass
class Gantt:
    """A Gantt chart of tasks, in sections, from `start`: a task starts on `start`, on a day
    of its own or right after an earlier task, and lasts a whole number of days."""

    start: dt.date
    title: object | None = None
    _lines: list[str] = field(default_factory=list, init=False)
    _tasks: list[str] = field(default_factory=list, init=False)  # ids, in order

    def section(self, title: object) -> None:
        """Start a section titled `title`; the tasks added next belong to it."""
        self._lines.append(f"    section {bare_label(title)}")

    def task(
        self, name: object, days: int, *, after: str | None = None, on: dt.date | None = None
    ) -> str:
        """Add a task of `days` days (at least 1), after task `after` or from day `on` if
        given, else from `start`; returns its id."""
        if days < 1:
            raise ValueError(_("a task lasts at least a day, not {days}").format(days=days))
        if after is not None and after not in self._tasks:
            raise ValueError(_("unknown task {after!r}").format(after=after))
        task_id = f"t{len(self._tasks) + 1}"
        self._tasks.append(task_id)
        begin = f"after {after}" if after else (on or self.start).isoformat()
        self._lines.append(f"        {bare_label(name)}:{task_id}, {begin}, {days}d")
        return task_id

    def source(self) -> str:
        """The chart's Mermaid text, ending with a line break."""
        head = ["gantt", "    dateFormat YYYY-MM-DD"]
        if self.title is not None:
            head.append(f"    title {bare_label(self.title)}")
        return "\n".join(head + self._lines) + "\n"


@dataclass
class Pie:
    """A pie chart: slices with labels and positive values, drawn in the order added,
    each value shown beside its label."""

    title: object | None = None
    _slices: list[str] = field(default_factory=list, init=False)
    _seen: dict[str, int] = field(default_factory=dict, init=False)  # label -> times used

    def slice(self, text: object, value: float) -> None:
        """Add a slice labelled `text` of `value` (more than 0: Mermaid draws no empty one).
        Mermaid keeps only the first slice of a label, so a label seen before is numbered."""
        if not value > 0:
            raise ValueError(_("a slice is more than 0, not {value}").format(value=value))
        coded = label(text)
        times = self._seen[coded] = self._seen.get(coded, 0) + 1
        if times > 1:
            coded = label(f"{text} ({times})")
        self._slices.append(f"    {coded} : {value:g}")

    def source(self) -> str:
        """The chart's Mermaid text, ending with a line break."""
        head = ["pie showData"]
        if self.title is not None:
            # Mermaid reads the title unquoted to the end of the line: plain characters only.
            head.append(f"    title {_plain(self.title)}")
        return "\n".join(head + self._slices) + "\n"


@dataclass
class Quadrant:
    """A quadrant chart: points placed from 0 to 1 on two axes. Points are named by short
    ids of ours (`S1`, ...) and the caller gives the legend beside the chart, so no
    untrusted text enters it: Mermaid reads a quadrant chart's texts unquoted and does not
    decode entity codes there, so the titles (ours) keep only plain characters."""

    title: object
    x_axis: tuple[object, object]  # low end, high end
    y_axis: tuple[object, object]
    quadrants: tuple[object, object, object, object]  # top right, top left, bottom left, right
    _points: list[str] = field(default_factory=list, init=False)

    def point(self, x: float, y: float) -> str:
        """Add a point at (x, y), each clamped to 0..1; returns its name."""
        name = f"S{len(self._points) + 1}"
        # Mermaid reads 1 and 0.xx, not 1.00.
        cx, cy = (f"{min(max(v, 0.0), 1.0):.2f}".replace("1.00", "1") for v in (x, y))
        self._points.append(f"    {name}: [{cx}, {cy}]")
        return name

    def source(self) -> str:
        lines = [
            "quadrantChart",
            f"    title {_plain(self.title)}",
            f"    x-axis {_plain(self.x_axis[0])} --> {_plain(self.x_axis[1])}",
            f"    y-axis {_plain(self.y_axis[0])} --> {_plain(self.y_axis[1])}",
        ]
        lines += [f"    quadrant-{i} {_plain(t)}" for i, t in enumerate(self.quadrants, 1)]
        return "\n".join(lines + self._points) + "\n"


def _plain(text: object) -> str:
    kept = "".join(
        c if c in _KEPT or (c.isalpha() and c not in _MARKERS) else " " for c in visible(str(text))
    )
    return " ".join(kept.split()) or "-"


def fenced(diagram: str) -> str:
    """A diagram as a Markdown code block that GitHub and editors draw. `label` leaves no
    backtick in the diagram, so nothing in it can close the block early."""
    return f"```mermaid\n{diagram}```\n"


@dataclass
class LineChart:
    """A line chart over named points on the x axis (Mermaid's xychart): one value per
    point for each line. Axis titles and point names are written as quoted labels: Mermaid
    reads them as text and decodes no markup in them."""

    title: object
    y_title: object
    x: tuple[object, ...]
    _lines: list[tuple[float, ...]] = field(default_factory=list, init=False)

    def line(self, values: tuple[float, ...]) -> None:
        if len(values) != len(self.x):
            raise ValueError(
                _("a line needs {n} values, not {m}").format(n=len(self.x), m=len(values))
            )
        self._lines.append(values)

    def source(self) -> str:
        top = max((v for values in self._lines for v in values), default=0.0)
        names = ", ".join(f'"{_plain(name)}"' for name in self.x)
        lines = [
            "xychart-beta",
            f'    title "{_plain(self.title)}"',
            f"    x-axis [{names}]",
            f'    y-axis "{_plain(self.y_title)}" 0 --> {_axis_top(top)}',
        ]
        lines += [f"    line [{', '.join(_value(v) for v in values)}]" for values in self._lines]
        return "\n".join(lines) + "\n"


def _axis_top(top: float) -> str:
    return _value(max(1.0, top))


def _value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
