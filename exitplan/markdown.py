"""Formatting for Markdown output. Everything read from a cloud account is untrusted text:
the renderer passes every value through `escape` unless it is marked safe."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

# ':' and '@' stop bare URLs and e-mail addresses from becoming links (GitHub links
# them without brackets), and "www." is broken up for the same reason.
_SPECIAL = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|~!#&$:@"})


def escape(value: object) -> Markup:
    """Inline-safe Markdown: no markup, links, HTML or table breaks survive, on one line."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split()).translate(_SPECIAL)
    return Markup(text.replace("www.", "www\\.").replace("WWW.", "WWW\\."))


def code(value: object) -> Markup:
    """An identifier in a code span, with backticks and pipes made harmless."""
    text = " ".join(str(value).split()).replace("`", "'").replace("|", "\\|")
    return Markup(f"`{text}`")


# The filters below format numbers and dates; what they return is exitplan's own text.


_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")


def size(num_bytes: float | None) -> Markup:
    value = float(num_bytes or 0)
    power = 0
    while value >= 1024 and power < len(_UNITS) - 1:
        value /= 1024
        power += 1
    return Markup(f"{value:,.0f} B" if power == 0 else f"{value:,.1f} {_UNITS[power]}")


def number(value: float, digits: int = 1) -> Markup:
    return Markup(f"{value:,.{digits}f}")


def percent(value: float) -> Markup:
    return Markup(f"{value:.1%}")


def utc(moment: dt.datetime) -> Markup:
    return Markup(moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
