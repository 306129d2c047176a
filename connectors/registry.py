"""The connectors installed: entry points in group `exitplan.connectors`, each naming a
`Registration`. exitplan's own are registered the same way as anyone else's (see
pyproject.toml), so a package of its own can add one without touching exitplan; listing
them loads the registrations only, never a cloud SDK."""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

from exitplan.errors import ExitplanError, InputError

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
        known = ", ".join(names()) or "none installed"
        raise InputError(f"no connector named '{name}'", f"connectors: {known}")
    if len(found) > 1:
        raise BrokenConnector(
            f"connector '{name}' is registered by more than one package: "
            + ", ".join(sorted(_package(ep) for ep in found)),
            "uninstall all but one of them",
        )
    entry = found[0]
    where = f"connector '{name}' ({entry.value}, registered by {_package(entry)})"
    hint = f"reinstall or upgrade {_package(entry)}, or report this to its authors"
    try:
        loaded = entry.load()
    except Exception as exc:
        raise BrokenConnector(
            f"{where} cannot be loaded: {type(exc).__name__}: {exc}", hint
        ) from exc
    if not isinstance(loaded, Registration):
        raise BrokenConnector(
            f"{where} names a {type(loaded).__name__}, not a connectors.interface.Registration",
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
