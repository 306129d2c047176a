"""A user's templates (`--templates DIR`) are code from outside: they run in Jinja's sandbox,
read only files inside their folder, and render in a child process with caps on time,
memory and output, so that a runaway loop or a huge string ends as a clear error (exit 2)
and not as a hung or swapping machine. Our own templates render in-process, unsandboxed."""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, Template
from jinja2.exceptions import SecurityError, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from .errors import ExitplanError, TemplateError
from .i18n import N_, _

# The caps, documented in docs/plan.md and in `exitplan plan --help`.
TIME_LIMIT_S = 120
MEMORY_LIMIT_MIB = 1024  # above what the process holds when rendering starts (Linux)
OUTPUT_LIMIT_MIB = 256  # all files together, in characters

_HINT = N_("check the template named; --debug shows more")


class ConfinedLoader(BaseLoader):
    """The user's folder first, then ours. A user's template, links followed, must lie
    inside the user's folder: a link to / would otherwise let `{% include %}` read any
    file into the plan."""

    def __init__(self, folder: Path, shipped: Path) -> None:
        self._folder = str(folder)
        self._root = os.path.realpath(folder)
        self._shipped = FileSystemLoader(str(shipped))

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = os.path.join(self._folder, *split_template_path(template))
        if not os.path.lexists(path):
            return self._shipped.get_source(environment, template)
        real = os.path.realpath(path)
        if os.path.commonpath((self._root, real)) != self._root:
            raise TemplateError(
                _(
                    "{path}: the template resolves to {real}, outside the templates folder {folder}"
                ).format(path=path, real=real, folder=self._folder),
                _("keep every template inside the --templates folder; links must stay inside it"),
            )
        if not os.path.isfile(real):
            raise TemplateNotFound(template)
        with open(real, "rb") as handle:
            raw = handle.read()
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise TemplateError(
                _("{path}:{line}: not UTF-8 text (byte 0x{byte:02x})").format(
                    path=path, line=line, byte=raw[exc.start]
                ),
                _("save the template as UTF-8"),
            ) from None
        mtime = os.path.getmtime(real)
        return source, path, lambda: os.path.exists(real) and os.path.getmtime(real) == mtime


class CappedSandbox(SandboxedEnvironment):
    """The sandbox, counting what the templates produce against the output cap, and with a
    guard on `*` and `**`, which build a huge string, list or number in one step
    (`'a' * 10**10`): the memory cap would catch it only where the system has one."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.output_left = OUTPUT_LIMIT_MIB * 2**20

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        too_big = _too_big(operator, left, right)
        if too_big:
            message = _("{operator!r} would make {size}, past the output cap")
            raise SecurityError(message.format(operator=operator, size=too_big))
        return super().call_binop(context, operator, left, right)

    def produce(self, template: Template, context: dict[str, Any]) -> str:
        """Render, stopping as soon as all templates together pass the output cap."""
        parts = []
        for chunk in template.generate(context):
            self.output_left -= len(chunk)
            if self.output_left < 0:
                raise TemplateError(
                    _(
                        "{filename}: the templates produced more than the output cap of {limit} MiB"
                    ).format(filename=template.filename, limit=OUTPUT_LIMIT_MIB),
                    _("check the --templates for a loop that does not end as intended"),
                )
            parts.append(chunk)
        return "".join(parts)


def _too_big(operator: str, left: Any, right: Any) -> str | None:
    limit = OUTPUT_LIMIT_MIB * 2**20
    if operator == "**" and isinstance(left, int) and isinstance(right, int):
        bits = right * math.log2(abs(left)) if abs(left) > 1 and right > 0 else 0
        return _("a number of {bits:,.0f} bits").format(bits=bits) if bits > 8 * limit else None
    for sized, count in ((left, right), (right, left)):
        if isinstance(sized, (str, list, tuple)) and isinstance(count, int):
            size = len(sized) * count
            return _("{size:,} items").format(size=size) if size > limit else None
    return None


def failure(exc: BaseException) -> TemplateError:
    """Any error while a user's template renders is the template's: name its file and
    line, the innermost template frame of the traceback."""
    if isinstance(exc, TemplateError):
        return exc
    where = None
    tb = exc.__traceback__
    while tb is not None:
        # Jinja rewrites tracebacks so that template code shows as frames of the template
        # file, marked by this global.
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    filename, lineno = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if where is None and filename:
        where = f"{filename}:{lineno}" if lineno else filename
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(exc, RecursionError):
        message = _("templates include or call each other without end")
    elif isinstance(exc, MemoryError):
        message = _("out of memory: the cap is {limit} MiB").format(limit=MEMORY_LIMIT_MIB)
    elif isinstance(exc, ExitplanError):
        message = exc.message
    else:
        message = f"{type(exc).__name__}: {message}"
    return TemplateError(
        _("{where}: {message}").format(where=where or _("templates"), message=message), _(_HINT)
    )


class ChildTraceback(Exception):
    """The traceback of the child process, for --debug."""


def render_capped(folder: Path, work: Callable[[], dict[str, str]]) -> dict[str, str]:
    """Run `work`, which renders the templates of `folder`, in a child process within the
    caps."""
    if "fork" not in multiprocessing.get_all_start_methods():
        # Without fork (Windows) the child would have to re-import and unpickle the plan;
        # the sandbox and the output cap still hold, the time and memory caps do not.
        try:
            return work()
        except Exception as exc:
            raise failure(exc) from exc
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(TIME_LIMIT_S):
            raise TemplateError(
                _(
                    "--templates {folder}: rendering did not finish within the time "
                    "cap of {limit} s"
                ).format(folder=folder, limit=TIME_LIMIT_S),
                _("check the --templates for a loop that does not end as intended"),
            )
        try:
            kind, payload = receiver.recv()
        except EOFError:
            child.join()
            raise TemplateError(
                _(
                    "--templates {folder}: rendering stopped (exit code {exitcode}), "
                    "most likely at the memory cap of {limit} MiB"
                ).format(folder=folder, exitcode=child.exitcode, limit=MEMORY_LIMIT_MIB),
                _(_HINT),
            ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind == "ok":
        files: dict[str, str] = payload
        return files
    message, hint, trace = payload
    raise TemplateError(message, hint) from ChildTraceback(trace)


def _child(work: Callable[[], dict[str, str]], sender: Any) -> None:
    # Ctrl-C reaches the whole process group; the parent handles it and ends this process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _cap_memory()
    try:
        result: tuple[str, object] = ("ok", work())
    except Exception as exc:
        error = failure(exc)
        result = ("error", (error.message, error.hint, traceback.format_exc()))
    sender.send(result)
    sender.close()


def _cap_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[0])
    except (ImportError, OSError):
        return  # no address-space accounting to build on (macOS, Windows)
    size = pages * os.sysconf("SC_PAGE_SIZE") + MEMORY_LIMIT_MIB * 2**20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or size < hard:
        resource.setrlimit(resource.RLIMIT_AS, (size, hard))
