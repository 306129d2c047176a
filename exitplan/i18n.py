"""Message catalogues: every text a user reads goes through gettext, so that a language is a
file (`locale/LANG/LC_MESSAGES/messages.po`, compiled to `.mo` by `make messages`), not a
branch in code. The English catalogue translates nothing: each message shows as written in
the code. The languages are the folders of `locale/` that hold a compiled catalogue; the
CLI's `--lang` (or `EXITPLAN_LANG`) picks one for a run.

Messages that carry values use named placeholders, filled after the lookup:
`_("{path}: no such file").format(path=path)`, so that a translation can reorder them.
Templates use Jinja's own form, `_("%(n)s resources", n=count)` and `{% trans %}`, which
escape each value for Markdown (see `install`). A lookup is a dictionary access, cheap
enough for a loop; templates still look up a repeated cell's text once, before the loop."""

from __future__ import annotations

import functools
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from . import markdown

DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# Unset: the default language. A context variable rather than a plain global, so that a
# caller that switches language (a test, later an option) cannot leak it into another.
_ACTIVE: ContextVar[gettext.NullTranslations | None] = ContextVar("exitplan_i18n", default=None)


@functools.cache
def translations(language: str, locale_dir: Path = LOCALE_DIR) -> gettext.GNUTranslations:
    """The compiled catalogue of a language. It ships with exitplan: if it is missing, the
    installation is broken, and the error says so rather than falling back quietly."""
    with open(locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as handle:
        return gettext.GNUTranslations(handle)


@functools.cache
def _default() -> gettext.GNUTranslations:
    return translations(DEFAULT_LANGUAGE)


def _active() -> gettext.NullTranslations:
    return _ACTIVE.get() or _default()


@contextmanager
def using(catalogue: gettext.NullTranslations) -> Iterator[None]:
    """Speak through `catalogue` inside the block."""
    token = _ACTIVE.set(catalogue)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def language() -> str:
    """The active catalogue's language code, from its header."""
    return _active().info().get("language") or DEFAULT_LANGUAGE


def _(message: str) -> str:
    return _active().gettext(message)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; `_()` translates it where it
    is used, so that a module-level constant follows the language of the run."""
    return message


def available(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """The languages exitplan speaks: every folder of `locale_dir` with a compiled catalogue."""
    return sorted(mo.parent.parent.name for mo in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


# How the language writes one thousand two hundred and thirty-four and a half: its
# thousands separator and decimal mark, read from its translation of this sample, so that
# a new language brings its own number forms in its catalogue.
_NUMBER_SAMPLE = N_("1,234.5")


def number(formatted: str) -> str:
    """A number Python formatted (`f"{value:,.1f}"`, `f"{share:.1%}"`), written as the
    active language writes numbers. Only for text a person reads: a number in a machine
    field (JSON, a CSV column of figures) stays as Python writes it."""
    sample = _(_NUMBER_SAMPLE)
    if sample == _NUMBER_SAMPLE or len(sample) != len(_NUMBER_SAMPLE):
        return formatted
    return formatted.translate({ord(","): sample[1], ord("."): sample[5]})


class Number:
    """A figure filled into a message: `_("{days:,.1f} days").format(days=Number(d))`
    formats it as Python does and writes it in the active language (see `number`)."""

    __slots__ = ("value",)

    def __init__(self, value: float) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        return number(format(self.value, spec))


def ngettext(singular: str, plural: str, count: int) -> str:
    return _active().ngettext(singular, plural, count)


class _Text(Markup):
    """A template's text from the catalogue: exitplan's own Markdown, left as it is. Values
    filled into it are escaped for Markdown, as every `{{ value }}` is (`markdown.escape`)."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> _Text:
        return cls(markdown.escape(s))


def _template_gettext(message: str) -> _Text:
    return _Text(_active().gettext(message))


def _template_ngettext(singular: str, plural: str, count: int) -> _Text:
    return _Text(_active().ngettext(singular, plural, count))


class Labels(dict[str, _Text]):
    """Our own words that a template picks by a value (a criticality, a grouping, an
    impact: `labels[w.criticality]`), each translated once per environment: a lookup per
    row instead of a call, in tables of thousands of rows. The values are msgids marked
    with N_() where they are defined; none comes from input."""

    def __missing__(self, key: str) -> _Text:
        value = self[key] = _template_gettext(key)
        return value


def install(env: Environment) -> None:
    """`{% trans %}`, `_()` and `ngettext()` in templates, through the active catalogue.
    New-style: `_("%(n)s resources", n=count)` fills its placeholders itself, escaped."""
    env.add_extension("jinja2.ext.i18n")
    env.globals["labels"] = Labels()
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _template_gettext, _template_ngettext, newstyle=True
    )
