"""The history of an estate: each inventory a scan, an import or a plan read, kept as a
snapshot in one SQLite file, so that `exitplan history` and `exitplan diff` can show how
an exit progresses.

A snapshot stores what the inventory file stores, no more (inventories hold no secrets),
and for a plan the summary that plan.json holds. Contents are kept once by their SHA-256,
compressed; a snapshot names them. Each snapshot is written in one transaction, in WAL
mode with full synchronisation, so that a process killed mid-write leaves the store as it
was before that snapshot, and concurrent runs wait for each other rather than fail.

The schema's version is SQLite's `user_version`; `_MIGRATIONS[n]` takes a store from
version n to n + 1, in the same transaction that sets the new version. A store of a newer
exitplan is refused rather than changed. `application_id` marks the file as exitplan's:
a SQLite file of another program is never written to."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .i18n import _

STORE_ENV = "EXITPLAN_STORE"
DEFAULT_NAME = "default"
STORE_FILE = "history.sqlite"
# "EXIT" in ASCII, in SQLite's header: how a store tells itself apart from other files.
APPLICATION_ID = 0x45584954
# How long a run waits for another run's snapshot to be written, in seconds.
BUSY_TIMEOUT_S = 60.0

_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE content (
        digest TEXT PRIMARY KEY,     -- SHA-256 of the bytes before compression, hex
        size INTEGER NOT NULL,       -- bytes before compression
        data BLOB NOT NULL           -- zlib
    );
    CREATE TABLE snapshot (
        id INTEGER PRIMARY KEY,
        recorded_at TEXT NOT NULL,   -- when exitplan stored it, UTC, ISO 8601
        command TEXT NOT NULL,       -- scan, import or plan
        as_of TEXT NOT NULL,         -- when the inventory's scan finished, ISO 8601
        source TEXT NOT NULL,        -- the inventory's scan.source
        resources INTEGER NOT NULL,
        gaps INTEGER NOT NULL,
        inventory TEXT NOT NULL REFERENCES content (digest),
        plan TEXT REFERENCES content (digest)
    );
    CREATE INDEX snapshot_as_of ON snapshot (as_of, id);
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)


@dataclass(frozen=True)
class Snapshot:
    id: int
    recorded_at: str
    command: str
    as_of: str
    source: str
    resources: int
    gaps: int
    has_plan: bool


def resolve(option: str | None, environ: dict[str, str] | None = None) -> Path | None:
    """The store's path from `--store`, else from EXITPLAN_STORE; None when neither says.
    "default" is the user's data directory, as platformdirs gives it for this system."""
    value = option if option is not None else (environ or dict(os.environ)).get(STORE_ENV)
    if not value:
        return None
    if value == DEFAULT_NAME:
        import platformdirs

        return Path(platformdirs.user_data_dir("exitplan", appauthor=False)) / STORE_FILE
    return Path(value)


class Store:
    """An open store. Use as a context manager; `open_store` makes one."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock at once, so two writers queue on the busy timeout
        # instead of one failing when it upgrades a read lock.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def record(
        self,
        command: str,
        inventory_json: bytes,
        *,
        as_of: dt.datetime,
        source: str,
        resources: int,
        gaps: int,
        plan_json: bytes | None = None,
        now: dt.datetime | None = None,
    ) -> int:
        """Store one snapshot, all of it or (killed, full disk) nothing; its id."""
        recorded = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
        inventory = _packed(inventory_json)
        plan = _packed(plan_json) if plan_json is not None else None
        with self._transaction() as db:
            for item in (inventory, plan):
                if item is not None:
                    db.execute(
                        "INSERT OR IGNORE INTO content (digest, size, data) VALUES (?, ?, ?)",
                        item,
                    )
            cursor = db.execute(
                "INSERT INTO snapshot (recorded_at, command, as_of, source, resources, gaps,"
                " inventory, plan) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    recorded.isoformat(timespec="seconds"),
                    command,
                    as_of.isoformat(),
                    source,
                    resources,
                    gaps,
                    inventory[0],
                    plan[0] if plan else None,
                ),
            )
            row_id = cursor.lastrowid
        assert row_id is not None
        return row_id

    def snapshots(self) -> list[Snapshot]:
        """Every snapshot, oldest first (by the inventory's date, then as recorded)."""
        return self._select("ORDER BY as_of, id")

    def snapshot(self, snapshot_id: int) -> Snapshot:
        found = self._select("WHERE id = ?", (snapshot_id,))
        if not found:
            raise InputError(
                _("{path}: no snapshot {id}").format(path=self.path, id=snapshot_id),
                hint=_("exitplan history --store {path} lists them").format(path=self.path),
            )
        return found[0]

    def _select(self, where: str, values: tuple[int, ...] = ()) -> list[Snapshot]:
        rows = self._db.execute(
            "SELECT id, recorded_at, command, as_of, source, resources, gaps, plan IS NOT NULL"
            f" FROM snapshot {where}",  # `where` is ours, the values are bound
            values,
        ).fetchall()
        return [
            Snapshot(
                id=row[0], recorded_at=row[1], command=row[2], as_of=row[3], source=row[4],
                resources=row[5], gaps=row[6], has_plan=bool(row[7]),
            )
            for row in rows
        ]  # fmt: skip

    def inventory_bytes(self, snapshot_id: int) -> bytes:
        return self._content(self.snapshot(snapshot_id).id, "inventory")

    def plan_bytes(self, snapshot_id: int) -> bytes | None:
        if not self.snapshot(snapshot_id).has_plan:
            return None
        return self._content(snapshot_id, "plan")

    def _content(self, snapshot_id: int, column: str) -> bytes:
        """Known to exist: the callers looked the snapshot up."""
        row = self._db.execute(
            f"SELECT c.digest, c.size, c.data FROM snapshot s JOIN content c"
            f" ON c.digest = s.{column} WHERE s.id = ?",
            (snapshot_id,),
        ).fetchone()
        if row is None:
            raise self._damaged(
                _("snapshot {id} has no {part}").format(id=snapshot_id, part=column)
            )
        digest, size, data = row
        try:
            raw = zlib.decompress(data)
        except zlib.error as exc:
            raise self._damaged(str(exc)) from exc
        if len(raw) != size or hashlib.sha256(raw).hexdigest() != digest:
            raise self._damaged(
                _("snapshot {id}: its {part} does not match its checksum").format(
                    id=snapshot_id, part=column
                )
            )
        return raw

    def check(self) -> list[str]:
        """SQLite's own integrity check, then every content's checksum: the problems."""
        problems = [row[0] for row in self._db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        for digest, size, data in self._db.execute("SELECT digest, size, data FROM content"):
            try:
                raw = zlib.decompress(data)
            except zlib.error as exc:
                problems.append(f"{digest}: {exc}")
                continue
            if len(raw) != size or hashlib.sha256(raw).hexdigest() != digest:
                problems.append(_("{digest}: does not match its checksum").format(digest=digest))
        return problems

    def _damaged(self, detail: str) -> InputError:
        return InputError(
            _("{path}: the store is damaged: {detail}").format(path=self.path, detail=detail),
            hint=_("restore the file from a backup; exitplan never repairs a store by itself"),
        )


def _packed(raw: bytes) -> tuple[str, int, bytes]:
    return hashlib.sha256(raw).hexdigest(), len(raw), zlib.compress(raw, 6)


def open_store(path: Path, *, create: bool) -> Store:
    """Open the store at `path`, made (with its folders) when `create` and absent; migrated
    to this exitplan's schema. A file that is not an exitplan store is refused untouched."""
    existed = path.exists()
    if not existed and not create:
        raise InputError(
            _("{path}: no such store").format(path=path),
            hint=_("record snapshots with --store on scan, import or plan first"),
        )
    if existed:
        _refuse_foreign(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise InputError(
            _("{path}: cannot open the store: {error}").format(path=path, error=exc)
        ) from None
    try:
        db.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed snapshot survives a power cut too, not only a killed process.
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        _migrate(db, path)
    except sqlite3.Error as exc:
        db.close()
        raise InputError(
            _("{path}: cannot use the store: {error}").format(path=path, error=exc)
        ) from exc
    except BaseException:
        db.close()
        raise
    return Store(path, db)


def _refuse_foreign(path: Path) -> None:
    """Look before writing: SQLite's magic string and application id in the header, then,
    read-only, whether a database without our id holds tables of another program."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        return  # an empty file: SQLite makes a database of it, as of a new one
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise _foreign(path, _("not a SQLite database"))
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == APPLICATION_ID:
        return
    if application_id != 0:
        raise _foreign(path, _("a SQLite database of another program"))
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = _has_tables(db)
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise _foreign(path, str(exc)) from None
    if tables:
        raise _foreign(path, _("a SQLite database of another program"))


def _foreign(path: Path, why: str) -> InputError:
    return InputError(
        _("{path}: not an exitplan store ({why})").format(path=path, why=why),
        hint=_("name a new file or an existing store; exitplan leaves this file as it is"),
    )


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError(
                _("{path}: the store was written by a newer exitplan (schema {found}, this one "
                  "reads up to {known})").format(path=path, found=version, known=SCHEMA_VERSION),
                hint=_("upgrade exitplan to read it"),
            )  # fmt: skip
        for step in _MIGRATIONS[version:]:
            for statement in _statements(step):
                db.execute(statement)
        if version < SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _has_tables(db: sqlite3.Connection) -> bool:
    count: int = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return count > 0


def _statements(script: str) -> Sequence[str]:
    """A migration's statements; `executescript` would commit the open transaction."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
