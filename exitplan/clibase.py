"""What every command shares: the one place that maps errors to exit codes, and options.

Exit codes: 0 ok; 1 findings or a partial result; 2 bad input or usage; 3 an internal
error (a bug: please report it)."""

from __future__ import annotations

import errno
import functools
import io
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .errors import ExitplanError
from .untrusted import visible_lines

EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def handled(command: Callable[..., None]) -> Callable[..., None]:  # noqa: C901 - to split in the rework of this module
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
            if debug:
                traceback.print_exc()
            # Messages quote values from input files: nothing in them may reach the terminal
            # as a control sequence.
            typer.echo(f"error: {visible_lines(exc.message)}", err=True)
            if exc.hint:
                typer.echo(f"hint: {visible_lines(exc.hint)}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("interrupted: nothing half-written was left behind", err=True)
            raise typer.Exit(130) from None
        except OSError as exc:
            if exc.filename is not None or exc.errno not in _OUTPUT_ERRORS:
                _internal(exc, debug)
            # Files exitplan writes name themselves; this is the standard output (a full
            # disk behind `> file`, /dev/full).
            _silence_stdout()
            typer.echo(f"error: cannot write the output: {exc.strerror or exc}", err=True)
            typer.echo("hint: check the disk or device the output goes to", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except Exception as exc:
            _internal(exc, debug)

    return wrapper


_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG})


def _internal(exc: BaseException, debug: bool) -> NoReturn:
    if debug:
        traceback.print_exception(exc)
    else:
        typer.echo(f"internal error: {type(exc).__name__}: {visible_lines(str(exc))}", err=True)
        typer.echo("hint: rerun with --debug for the traceback, and report it", err=True)
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
        typer.echo(f"exitplan: {message}", err=True)


OutOption = Annotated[Path, typer.Option("--out", "-o", help="Directory to write the plan into.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]
