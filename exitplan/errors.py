"""One error hierarchy. The CLI is the only place that turns these into exit codes."""

from __future__ import annotations


class ExitplanError(Exception):
    """An error a user can act on: a message that says what and where, and a hint."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(ExitplanError):
    """Bad input: an inventory, profile or option that cannot be used."""


class RecordError(InputError):
    """A record without what its source always gives (an id, a type) or with a value that
    cannot be read. In a file the user gave, it stops the import; in a cloud's answer, the
    scan records it as a gap and reads on: the user can fix the one, not the other."""


class CatalogueError(ExitplanError):
    """The catalogue (shipped or user-supplied) is malformed or inconsistent."""


class TemplateError(ExitplanError):
    """A template or playbook is missing or cannot be rendered."""
