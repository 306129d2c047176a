"""What every command shares: the one place that maps errors to exit codes, options,
progress, the checks of an inventory file to write, and writing it with its summary.

Exit codes: 0 ok; 1 findings or a partial result; 2 bad input or usage; 3 an internal
error (a bug: please report it)."""

from __future__ import annotations

import errno
import functools
import io
import os
import re
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .. import i18n
from ..errors import ExitplanError, InputError
from ..fsutil import write_file
from ..i18n import _
from ..inventory import dump_inventory
from ..model import Inventory
from ..reading import MAX_ENV, MAX_HELP, MAX_OPTION
from ..untrusted import json_text, visible, visible_lines
from .recording import record_run

EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def handled(command: Callable[..., None]) -> Callable[..., None]:
    """The one place that maps the error hierarchy to exit codes, for every command."""

    @functools.wraps(command)
    def wrapper(ctx: typer.Context, *args: Any, **kwargs: Any) -> None:
        debug = bool(ctx.meta.get("exitplan.debug"))
        try:
            command(ctx, *args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # The reader of stdout has gone (`| head -1`): typer ends quietly with exit 1,
            # as it does for --help; no message, since there is nobody to read it.
            raise
        except ExitplanError as exc:
            _refused(exc, debug)
        except KeyboardInterrupt:
            typer.echo(_("interrupted: nothing half-written was left behind"), err=True)
            raise typer.Exit(130) from None
        except OSError as exc:
            if exc.filename is not None or exc.errno not in _OUTPUT_ERRORS:
                _internal(exc, debug)
            _output_failed(exc)
        except Exception as exc:
            _internal(exc, debug)

    return wrapper


def _refused(exc: ExitplanError, debug: bool) -> NoReturn:
    if debug:
        traceback.print_exc()
    # Messages quote values from input files: nothing in them may reach the terminal as a
    # control sequence.
    typer.echo(_("error: {message}").format(message=visible_lines(exc.message)), err=True)
    if exc.hint:
        typer.echo(_("hint: {hint}").format(hint=visible_lines(exc.hint)), err=True)
    raise typer.Exit(exc.exit_code) from None


def _output_failed(exc: OSError) -> NoReturn:
    # Files exitplan writes name themselves; this is the standard output (a full disk
    # behind `> file`, /dev/full).
    _silence_stdout()
    reason = exc.strerror or str(exc)
    typer.echo(_("error: cannot write the output: {reason}").format(reason=reason), err=True)
    typer.echo(_("hint: check the disk or device the output goes to"), err=True)
    raise typer.Exit(EXIT_USAGE) from None


_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG})


def _internal(exc: BaseException, debug: bool) -> NoReturn:
    if debug:
        traceback.print_exception(exc)
    else:
        message = _("internal error: {kind}: {message}")
        typer.echo(
            message.format(kind=type(exc).__name__, message=visible_lines(str(exc))), err=True
        )
        typer.echo(_("hint: rerun with --debug for the traceback, and report it"), err=True)
    raise typer.Exit(EXIT_INTERNAL) from None


def _silence_stdout() -> None:
    """What is still buffered for stdout cannot be written either; Python's own attempt at
    exit would print a traceback of its own."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # stdout is no file (a test's capture): nothing is flushed at exit


def progress(quiet: bool, message: str) -> None:
    if not quiet:
        typer.echo(_("exitplan: {message}").format(message=message), err=True)


def _language(ctx: typer.Context, value: str | None) -> str | None:
    """Speak `value` for the rest of the run: the command's files, summary and errors."""
    if value is not None:
        languages = i18n.available()
        if value not in languages:
            raise typer.BadParameter(
                _("{language!r} is not a language exitplan speaks; available: {languages}").format(
                    language=value, languages=", ".join(languages)
                )
            )
        # Left when the command is done, so that a caller (a test) keeps its own.
        ctx.with_resource(i18n.using(i18n.translations(value)))
    return value


# On the app (`exitplan --lang nl scan ...`: every command) and on the commands that write
# documents (`exitplan plan --lang nl`), where a reader looks for it.
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        callback=_language,
        envvar="EXITPLAN_LANG",
        metavar="LANG",
        expose_value=False,
        help=_(
            "Language of the plan, runbooks, summaries and messages: one of {languages}. "
            "[default: en]"
        ).format(languages=", ".join(i18n.available())),
    ),
]

OutOption = Annotated[
    Path, typer.Option("--out", "-o", help=_("Directory to write the plan into."))
]
JsonOption = Annotated[bool, typer.Option("--json", help=_("Print the summary as JSON on stdout."))]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help=_("No progress on stderr."))]

# Shared with `plan`: every file a command reads is read up to this limit.
MaxFileOption = Annotated[
    float, typer.Option(MAX_OPTION, envvar=MAX_ENV, metavar="GIB", help=_(MAX_HELP))
]


def aligned(
    headings: Sequence[str], least: Sequence[int], align: str, rows: Iterable[Sequence[object]]
) -> list[str]:
    """A table for the terminal: each column as wide as its heading in the run's language,
    or `least`; `align` holds one `<` (left) or `>` (right) per column. No line ends in
    spaces: a last column aligned left is as wide as its text."""
    widths = [max(len(h), w) for h, w in zip(headings, least, strict=True)]

    def line(cells: Sequence[object]) -> str:
        texts = (f"{cell!s:{a}{w}}" for cell, a, w in zip(cells, align, widths, strict=True))
        return ("  " + " ".join(texts)).rstrip()

    return [line(headings), *(line(row) for row in rows)]


def check_out_file(
    out: Path, inputs: Sequence[Path] = (), ours: Callable[[Path], bool] | None = None
) -> None:
    """Before a scan that may take an hour, not after it: `out` can be written, and what
    is there is an inventory exitplan wrote (never an input, nor anyone else's file).
    `ours`: how to tell a file of another kind exitplan wrote."""
    if out.is_dir():
        raise InputError(
            _("--out {path}: is a directory").format(path=out),
            _("name a file, e.g. inventory-aws.json"),
        )
    if os.path.lexists(out):
        if any(os.path.lexists(given) and os.path.samefile(out, given) for given in inputs):
            raise InputError(
                _("--out {path}: is also a file to read").format(path=out), _("name another --out")
            )
        if out.is_symlink() or not (ours or _written_by_exitplan)(out):
            refused = (
                _("--out {path}: exists and is not an inventory exitplan wrote")
                if ours is None
                else _("--out {path}: exists and is not a file exitplan wrote")
            )
            raise InputError(
                refused.format(path=out),
                _("name another --out, or move the file away if it may be replaced"),
            )
    folder = out.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        # Trying is the only test that holds for root and for special file systems.
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise InputError(
            _("--out {path}: {folder} is not writable ({reason})").format(
                path=out, folder=folder, reason=exc.strerror or exc
            ),
            _("choose another --out"),
        ) from exc


# How every inventory exitplan writes begins (`dump_inventory`: the model's field order).
_OUR_INVENTORY = re.compile(rb'\{\s*"schema_version":\s*\d+,\s*"scan":\s*\{\s*"tool":\s*"exitplan"')


def _written_by_exitplan(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(256)
    except OSError:
        return False
    return _OUR_INVENTORY.match(head) is not None


def _report_inventory(
    inventory: Inventory, out: Path, as_json: bool, notes: list[str] | None = None
) -> None:
    accounts = {r.account for r in inventory.resources}
    regions = {r.region for r in inventory.resources}
    data: dict[str, Any] = {
        "inventory": str(out),
        "resources": len(inventory.resources),
        "types": dict(sorted(Counter(r.type for r in inventory.resources).items())),
        "accounts": len(accounts),
        "regions": len(regions),
        "gaps": [g.model_dump(exclude_none=True) for g in inventory.gaps],
        "skipped": [s.model_dump() for s in inventory.skipped],
    }
    if notes is not None:
        data["notes"] = notes
    if as_json:
        typer.echo(json_text(data))
        return
    wrote = _(
        "wrote {path}: {resources} resources of {types} types in {accounts} accounts "
        "and {regions} regions"
    )
    typer.echo(
        wrote.format(
            path=out,
            resources=data["resources"],
            types=len(data["types"]),
            accounts=data["accounts"],
            regions=data["regions"],
        )
    )
    for note in notes or ():
        typer.echo(f"  {visible(note)}")
    # Gaps and skipped records repeat what a cloud or a file said: shown, never obeyed.
    if inventory.gaps:
        typer.echo(
            _("{count} gaps (not read; shown in the plan):").format(count=len(inventory.gaps))
        )
        for gap in inventory.gaps:
            where = " ".join(x for x in (gap.scope, gap.region or "", gap.service) if x)
            typer.echo(f"  {visible(where)}: {visible(gap.code)}: {visible(gap.message)}")
    if inventory.skipped:
        total = sum(s.count for s in inventory.skipped)
        typer.echo(
            _("{count} records left out on purpose (listed in the plan):").format(count=total)
        )
        line = _("  {source}: {type} x{count}: {reason}")
        for skipped in inventory.skipped:
            typer.echo(
                line.format(
                    source=visible(skipped.source),
                    type=visible(skipped.type),
                    count=skipped.count,
                    reason=visible(skipped.reason),
                )
            )


def write_out(out: Path, text: str) -> None:
    """Write a file named with --out at once; a failure names it."""
    try:
        write_file(out, text)
    except OSError as exc:
        raise InputError(
            _("{path}: cannot write: {reason}").format(path=out, reason=exc.strerror or exc),
            _("choose another --out"),
        ) from exc


def write_inventory(
    inventory: Inventory,
    out: Path,
    as_json: bool,
    notes: list[str] | None = None,
    *,
    store: str | None = None,
    command: str = "scan",
) -> None:
    """Write the inventory at once, keep it in the store if one is named, report (with what
    the importer wants said of what it wrote); exit 1 when there are gaps."""
    text = dump_inventory(inventory)
    write_out(out, text)
    record_run(store, command, inventory, text)
    _report_inventory(inventory, out, as_json, notes)
    if inventory.gaps:
        raise typer.Exit(EXIT_FINDINGS)
