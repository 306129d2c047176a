"""`exitplan scan NAME` and `exitplan permissions NAME`, a command per installed connector.

The commands are built from the connectors' registrations (`connectors.registry`) when
they are asked for; a connector's SDK is imported only when its command runs, so
`exitplan plan` and `exitplan scan --help` start without loading boto3."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from typer.core import TyperCommand, TyperGroup

from ..i18n import N_, _
from ..inventory import in_order
from ..untrusted import visible
from .common import JsonOption, QuietOption, check_out_file, handled, progress, write_inventory
from .recording import StoreOption, check_store

if TYPE_CHECKING:
    from connectors.interface import Option, Progress, Registration, Values


# What a scan counts, as `connectors.interface.UNITS` names it; shown translated.
_UNITS = (N_("account"), N_("subscription"), N_("project"))


def _split(values: list[str] | None) -> tuple[str, ...]:
    """Options accept repeats and commas alike: --regions a,b --regions c."""
    found = [part.strip() for value in values or () for part in value.split(",")]
    return tuple(dict.fromkeys(part for part in found if part))


def _progress_printer(quiet: bool) -> Callable[[Progress], None] | None:
    if quiet:
        return None
    tty = sys.stderr.isatty()
    shown = {"tenth": -1}
    scanned = _("exitplan: scanned {done}/{total} units, {resources} resources, {gaps} gaps")

    def show(p: Progress) -> None:
        line = scanned.format(done=p.done, total=p.total, resources=p.resources, gaps=p.gaps)
        if tty:
            end = "\n" if p.done == p.total else ""
            sys.stderr.write("\r" + line + end)
            sys.stderr.flush()
            return
        tenth = 10 * p.done // max(p.total, 1)
        if tenth != shown["tenth"]:
            shown["tenth"] = tenth
            typer.echo(line, err=True)

    return show


def _scan_command(registration: Registration) -> TyperCommand:
    name = registration.name
    out = inspect.Parameter(
        "out",
        inspect.Parameter.KEYWORD_ONLY,
        default=Path(f"inventory-{name}.json"),
        annotation=Annotated[Path, typer.Option("--out", "-o", help=_("Inventory file to write."))],
    )
    shared = [
        out,
        inspect.Parameter("as_json", inspect.Parameter.KEYWORD_ONLY, default=False,
                          annotation=JsonOption),
        inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY, default=False,
                          annotation=QuietOption),
        inspect.Parameter("store", inspect.Parameter.KEYWORD_ONLY, default=None,
                          annotation=StoreOption),
    ]  # fmt: skip

    def scan_command(ctx: typer.Context, **given: Any) -> None:
        """Discover, scan, write the inventory at once, report; exit 1 when there are gaps."""
        from connectors.interface import Run, scan

        out, as_json, quiet = given.pop("out"), given.pop("as_json"), given.pop("quiet")
        store = given.pop("store")
        check_out_file(out)
        check_store(store)
        run = Run(progress=_progress_printer(quiet), debug=bool(ctx.meta.get("exitplan.debug")))
        connector = registration.build(_values(registration.options, given), run)
        scopes = connector.discover()
        unit = registration.unit
        scopes_read = sum(s.kind == unit for s in scopes)
        progress(quiet, _("scanning {count} {unit}(s)").format(count=scopes_read, unit=_(unit)))
        write_inventory(in_order(scan(connector, scopes)), out, as_json, store=store)

    # A registration's texts are marked for the catalogue where they are defined.
    help_text = f"{_(registration.summary)}\n\n{_(registration.details)}"
    return _command(name, help_text, scan_command, registration.options, shared)


def _permissions_command(registration: Registration) -> TyperCommand:
    permissions = registration.permissions

    def permissions_command(ctx: typer.Context, **given: Any) -> None:
        typer.echo(permissions.render(_values(permissions.options, given)), nl=False)

    help_text = f"{_(permissions.summary)}\n\n{_(permissions.details)}"
    return _command(registration.name, help_text, permissions_command, permissions.options, [])


def _command(
    name: str,
    help_text: str,
    function: Callable[..., None],
    options: tuple[Option, ...],
    shared: list[inspect.Parameter],
) -> TyperCommand:
    """A command built by typer, as a hand-written one would be, from a signature made of
    the options' data."""
    context = inspect.Parameter(
        "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
    )
    parameters = [context, *(_parameter(option) for option in options), *shared]
    function.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return _single(name, handled(function), help=help_text)


def _parameter(option: Option) -> inspect.Parameter:
    settings: dict[str, Any] = {"help": _(option.help), "envvar": option.envvar}
    if option.metavar is not None:
        settings["metavar"] = option.metavar
    kind: Any
    default: str | int | bool | None
    if option.repeatable:
        kind, default = list[str] | None, None
    elif option.type is bool:
        kind, default = bool, bool(option.default)
    elif option.default is None:
        kind, default = option.type | None, None
    else:
        kind, default = option.type, option.default
    return inspect.Parameter(
        option.key,
        inspect.Parameter.KEYWORD_ONLY,
        default=default,
        annotation=Annotated[kind, typer.Option(option.flag, **settings)],
    )


def _values(options: tuple[Option, ...], given: dict[str, Any]) -> Values:
    return {
        option.key: _split(given[option.key]) if option.repeatable else given[option.key]
        for option in options
    }


def _broken(name: str, error: Exception) -> TyperCommand:
    def fail(ctx: typer.Context) -> None:
        raise error

    settings = {"ignore_unknown_options": True, "allow_extra_args": True}
    return _single(
        name,
        handled(fail),
        help=_("Cannot be used: {error}").format(error=error),
        short_help=_("Broken: run it to see why."),
        context_settings=settings,
    )


def _single(name: str, function: Callable[..., None], **settings: Any) -> TyperCommand:
    """One command, made by typer as a hand-written one is (options, help, defaults)."""
    single = typer.Typer(rich_markup_mode=None, add_completion=False)
    single.command(name, **settings)(function)
    return cast(TyperCommand, typer.main.get_command(single))


class _Connectors(TyperGroup):
    """A group whose commands are the installed connectors, each built when asked for."""

    make: Callable[[Registration], TyperCommand]

    def list_commands(self, ctx: Any) -> list[str]:
        from connectors.registry import names

        return names()

    def get_command(self, ctx: Any, cmd_name: str) -> TyperCommand | None:
        from connectors.registry import BrokenConnector, load, names

        if cmd_name not in names():
            return None
        try:
            return self.make(load(cmd_name))
        except BrokenConnector as exc:
            # Listed with what is wrong, so that `--help` still shows the others; running
            # it gives the error and its exit code.
            return _broken(cmd_name, exc)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        from connectors.registry import names

        if args and not args[0].startswith("-") and args[0] not in names():
            # Click would say only "No such command": name what is installed instead.
            installed = ", ".join(names()) or _("none")
            ctx.fail(
                _("no connector named '{name}'; installed connectors: {installed}").format(
                    name=visible(args[0]), installed=installed
                )
            )
        return super().resolve_command(ctx, args)


class _ScanGroup(_Connectors):
    make = staticmethod(_scan_command)


class _PermissionsGroup(_Connectors):
    make = staticmethod(_permissions_command)


scan_app = typer.Typer(
    cls=_ScanGroup,
    help=_(
        "Inventory a cloud, read-only, into an Inventory JSON file.\n\n"
        "Example: exitplan scan aws --regions eu-west-1,eu-central-1"
    ),
    no_args_is_help=True,
)
permissions_app = typer.Typer(
    cls=_PermissionsGroup,
    help=_("Print what a scan needs to be granted.\n\nExample: exitplan permissions aws"),
    no_args_is_help=True,
)
