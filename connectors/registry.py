"""The connectors installed: entry points in group `exitplan.connectors`, each naming a
`Registration`. exitplan's own are registered the same way as anyone else's (see
pyproject.toml), so a package of its own can add one without touching exitplan; listing
them loads the registrations only, never a cloud SDK."""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

from exitplan.errors import ExitplanError, InputError
from exitplan.i18n import _

from .interface import Option, Registration

ENTRY_POINT_GROUP = "exitplan.connectors"
# The CLI's own parameters of every scan command (--out, --json, --quiet, the context).
SHARED_KEYS = frozenset({"ctx", "out", "json", "as_json", "quiet"})


class BrokenConnector(ExitplanError):
    """An installed connector that cannot be used. Neither the command nor its input is at
    fault, and nothing the user types can mend it: like a bug, it exits 3, but the hint
    names the package to reinstall, upgrade or report, which is not exitplan."""

    exit_code = 3


def _found() -> list[EntryPoint]:
    """By name: the same order wherever and in whatever order the packages were installed
    (hatchling sorts a package's own entry points too)."""
    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: (ep.name, _package(ep)))


def _package(entry: EntryPoint) -> str:
    return entry.dist.name if entry.dist is not None else "an unknown package"


def names() -> list[str]:
    return list(dict.fromkeys(ep.name for ep in _found()))


def load(name: str) -> Registration:
    """The registration of connector `name`, checked; SDKs are not imported."""
    found = [ep for ep in _found() if ep.name == name]
    if not found:
        known = ", ".join(names()) or _("none installed")
        raise InputError(
            _("no connector named '{name}'").format(name=name),
            _("connectors: {known}").format(known=known),
        )
    if len(found) > 1:
        packages = ", ".join(sorted(_package(ep) for ep in found))
        raise BrokenConnector(
            _("connector '{name}' is registered by more than one package: {packages}").format(
                name=name, packages=packages
            ),
            _("uninstall all but one of them"),
        )
    entry = found[0]
    where = _("connector '{name}' ({value}, registered by {package})").format(
        name=name, value=entry.value, package=_package(entry)
    )
    hint = _("reinstall or upgrade {package}, or report this to its authors").format(
        package=_package(entry)
    )
    try:
        loaded = entry.load()
    except Exception as exc:
        raise BrokenConnector(
            _("{where} cannot be loaded: {name}: {exc}").format(
                where=where, name=type(exc).__name__, exc=exc
            ),
            hint,
        ) from exc
    if not isinstance(loaded, Registration):
        raise BrokenConnector(
            _("{where} names a {name}, not a connectors.interface.Registration").format(
                where=where, name=type(loaded).__name__
            ),
            hint,
        )
    problem = _problem(name, loaded)
    if problem:
        raise BrokenConnector(f"{where}: {problem}", hint)
    return loaded


def _problem(name: str, registration: Registration) -> str | None:
    if registration.name != name:
        return f"its registration is named '{registration.name}'"
    for group, options in (
        ("scan", registration.options),
        ("permissions", registration.permissions.options),
    ):
        keys = [option.key for option in options]
        clashes = sorted(SHARED_KEYS.intersection(keys) | {k for k in keys if keys.count(k) > 1})
        if clashes:
            return f"{group} options clash with others: {', '.join(clashes)}"
        odd = [option.flag for option in options if _odd(option)]
        if odd:
            return f"{group} options that cannot be built: {', '.join(odd)}"
    return None


def _odd(option: Option) -> bool:
    """What the CLI cannot build: a repeatable option that is not text, an on/off pair that
    is not a bool, or a default of another type."""
    if not option.flag.startswith("--") or (option.repeatable and option.type is not str):
        return True
    if "/" in option.flag and option.type is not bool:
        return True
    return option.default is not None and type(option.default) is not option.type
