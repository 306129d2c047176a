"""Formatting for Markdown output. Everything read from a cloud account is untrusted text:
the renderer passes every value through `escape` unless it is marked safe."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup

from . import i18n
from .threepoint import Total
from .untrusted import visible

# Backslash escapes stop Markdown syntax, HTML and table breaks.
_BACKSLASHED = tuple((char, "\\" + char) for char in "\\`*_[]<>|~!#&$")  # "\\" first
# They do not stop links: GitHub's renderer (cmark-gfm) removes them before it looks for
# "www.", "://" after a scheme and e-mail addresses around "@" (with "mailto:" or "xmpp:"
# or without), and editors' previews (markdown-it with linkify) also link bare domains
# ("evil.com") and "//evil.com". An invisible word joiner (U+2060) breaks each of those
# runs: before "@", between two slashes, between a dot and a letter (a top-level domain
# starts with one), and in "www.".
_JOINER = "\u2060"
_DOT_LETTER = re.compile(r"\.(?=[^\W\d_])")
_ANY_SPECIAL = re.compile(r"[\\`*_\[\]<>|~!#&$:@./]")


def escape(value: object) -> Markup:
    """Inline-safe Markdown: no markup, links, HTML or table breaks survive, on one line,
    and no control or invisible character (see `untrusted.visible`)."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)):  # numbers, bool included, carry no markup
        return Markup(value)
    text = visible(" ".join(str(value).split()))
    # Most values hold none of these characters, which one search in C settles; for the
    # others, a replace per character present is faster than str.translate.
    if _ANY_SPECIAL.search(text) is None:
        return Markup(text)
    for char, replacement in _BACKSLASHED:
        if char in text:
            text = text.replace(char, replacement)
    if "@" in text:
        text = text.replace("@", _JOINER + "@")
    if "." in text:
        text = _DOT_LETTER.sub("." + _JOINER, text).replace("www.", "www" + _JOINER + ".")
    while "//" in text:
        text = text.replace("//", "/" + _JOINER + "/")
    return Markup(text)


def slug(heading: str) -> Markup:
    """The anchor GitHub and GitLab give a heading of ours (the first of that title): lower
    case, punctuation other than hyphens and underscores dropped, each space a hyphen. For
    the plan's own headings, which hold no Markdown."""
    return Markup(re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-"))


def remembering(escaper: Callable[[Any], Markup]) -> Callable[[Any], Markup]:
    """`escaper`, remembering what it made of each string and whole number: a large plan
    shows a few thousand distinct names (regions, accounts, workloads) and counts some
    hundred thousand times. Made anew for each rendering, so nothing is kept between runs."""
    made: dict[str | int, Markup] = {}

    def remembered(value: Any) -> Markup:
        kind = type(value)
        if kind is not str and kind is not int:  # True == 1, yet shows as "True"
            return escaper(value)
        found = made.get(value)
        if found is None:
            found = made[value] = escaper(value)
        return found

    return remembered


def code(value: object) -> Markup:
    """An identifier in a code span, with backticks and pipes made harmless."""
    text = visible(" ".join(str(value).split())).replace("`", "'").replace("|", "\\|")
    return Markup(f"`{text}`")


# The filters below format numbers and dates; what they return is exitplan's own text.


_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")


def size(num_bytes: float | None) -> Markup:
    value = float(num_bytes or 0)
    power = 0
    while value >= 1024 and power < len(_UNITS) - 1:
        value /= 1024
        power += 1
    return Markup(i18n.number(f"{value:,.0f} B" if power == 0 else f"{value:,.1f} {_UNITS[power]}"))


def number(value: float, digits: int = 1) -> Markup:
    return Markup(i18n.number(f"{value:,.{digits}f}"))


def figure(value: float) -> Markup:
    """A value of the effort profile as the profile holds it (0.25, 13.0), in the
    language's number form: the reader checks it against the file."""
    return Markup(i18n.number(str(value)))


def figures(values: Iterable[float]) -> Markup:
    """Three-point values and other lists of the profile, as `figure` writes each."""
    return Markup(" / ".join(figure(value) for value in values))


def percent(value: float) -> Markup:
    return Markup(i18n.number(f"{value:.1%}"))


def utc(moment: dt.datetime) -> Markup:
    return Markup(moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))


def money(value: float, currency: str) -> str:
    """An amount to three significant digits (1,350,000 EUR, 37,600 EUR): estimates are
    not precise to the euro, and should not look it."""
    return f"{_significant(value)} {currency}"


def money_range(low: float, high: float, currency: str) -> str:
    return f"{_significant(low)} - {_significant(high)} {currency}"


def money_points(total: Total, currency: str) -> str:
    """A Total's P10 / P50 / P90 as `money` writes each."""
    points = (_significant(v) for v in (total.p10, total.p50, total.p90))
    return f"{' / '.join(points)} {currency}"


def days_points(total: Total) -> Markup:
    """A Total's P10 / P50 / P90 in whole person-days: no estimate is finer."""
    return Markup(i18n.number(f"{total.p10:,.0f} / {total.p50:,.0f} / {total.p90:,.0f}"))


def significant(value: float) -> int:
    """An amount rounded to three significant digits (whole units below 1,000)."""
    if value <= 0:
        return 0
    digits = max(math.floor(math.log10(value)) - 2, 0)
    return int(round(value, -digits))


def _significant(value: float) -> str:
    return i18n.number(f"{significant(value):,}")
