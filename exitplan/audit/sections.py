"""Building a document's sections as a reader walks it, and its facts with them: the
part of reading that Markdown and Word share."""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Fact, Section, Table
from .facts import line_facts, table_facts
from .vocabulary import Vocabulary


@dataclass
class _Open:
    heading: str
    level: int
    position: int
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


class SectionBuilder:
    """Collects headings, lines and tables in document order."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary
        self._open = _Open("", 0, 1)
        self._done: list[Section] = []
        self.facts: list[Fact] = []

    def heading(self, text: str, level: int, position: int) -> None:
        self._close()
        self._open = _Open(text, level, position)

    def line(self, text: str, position: int) -> None:
        self._open.lines.append(text)
        self.facts += line_facts(text, position, self._section, self._vocabulary)

    def table(self, table: Table) -> None:
        self._open.tables.append(table)
        self.facts += table_facts(table, self._section, self._vocabulary)

    def link(self, address: str, position: int) -> None:
        """A link whose address is not in its text (`[the contract](https://...)`)."""
        self.facts.append(Fact("link", address, address, "text", position, self._section))

    @property
    def _section(self) -> str | None:
        return self._open.heading if self._open.level else None

    def sections(self) -> tuple[Section, ...]:
        self._close()
        return tuple(self._done)

    def _close(self) -> None:
        current = self._open
        text = "\n".join(current.lines).strip()
        # Text before the first heading is a section only when there is some.
        if current.level or text or current.tables:
            self._done.append(
                Section(
                    current.heading, current.level, current.position, text, tuple(current.tables)
                )
            )
        self._open = _Open("", 0, 1)
