"""What every command shares: the one place that maps errors to exit codes, and options.

Exit codes: 0 ok; 1 findings or a partial result; 2 bad input or usage; 3 an internal
error (a bug: please report it)."""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from .errors import ExitplanError
from .untrusted import visible_lines

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
        except Exception as exc:
            if debug:
                traceback.print_exc()
            else:
                typer.echo(
                    f"internal error: {type(exc).__name__}: {visible_lines(str(exc))}", err=True
                )
                typer.echo("hint: rerun with --debug for the traceback, and report it", err=True)
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def progress(quiet: bool, message: str) -> None:
    if not quiet:
        typer.echo(f"exitplan: {message}", err=True)


OutOption = Annotated[Path, typer.Option("--out", "-o", help="Directory to write the plan into.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]
