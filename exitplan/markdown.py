"""Formatting for Markdown output. Everything read from a cloud account is untrusted text:
the renderer passes every value through `escape` unless it is marked safe."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

_SPECIAL = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|~!#&$"})


def escape(value: object) -> Markup:
    """Inline-safe Markdown: no markup, links, HTML or table breaks survive, on one line."""
    if isinstance(value, Markup):
        return value
    return Markup(" ".join(str(value).split()).translate(_SPECIAL))


def code(value: object) -> Markup:
    """An identifier in a code span, with backticks and pipes made harmless."""
    text = " ".join(str(value).split()).replace("`", "'").replace("|", "\\|")
    return Markup(f"`{text}`")


def size(num_bytes: float | None) -> str:
    if not num_bytes:
        return "0 B"
    value = float(num_bytes)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if value < 1024 or unit == "PiB":
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def number(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def percent(value: float) -> str:
    return f"{value:.1%}"


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
