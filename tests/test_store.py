"""The history store: snapshots kept whole, foreign files untouched, schema migrated,
crash-safe and shared by concurrent runs."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from exitplan import store as store_module
from exitplan.errors import InputError
from exitplan.store import APPLICATION_ID, SCHEMA_VERSION, open_store, resolve

WHEN = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.timezone.utc)


def _record(path: Path, payload: bytes, plan: bytes | None = None) -> int:
    with open_store(path, create=True) as opened:
        return opened.record(
            "scan", payload, as_of=WHEN, source="aws-api", resources=3, gaps=0, plan_json=plan
        )


def test_a_snapshot_reads_back_as_recorded(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    first = _record(path, b'{"a": 1}', b'{"plan": 1}')
    second = _record(path, b'{"a": 1}')
    with open_store(path, create=False) as opened:
        assert [s.id for s in opened.snapshots()] == [first, second]
        assert opened.inventory_bytes(first) == opened.inventory_bytes(second) == b'{"a": 1}'
        assert opened.plan_bytes(first) == b'{"plan": 1}'
        assert opened.plan_bytes(second) is None
        assert opened.check() == []
    db = sqlite3.connect(path)
    # The same inventory twice is kept once.
    assert db.execute("SELECT count(*) FROM content").fetchone()[0] == 2
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_unknown_snapshot_is_named(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    _record(path, b"{}")
    with open_store(path, create=False) as opened, pytest.raises(InputError, match="no snapshot 7"):
        opened.inventory_bytes(7)


def test_a_missing_store_is_not_made_when_reading(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite"
    with pytest.raises(InputError, match="no such store"):
        open_store(path, create=False)
    assert not path.exists()


@pytest.mark.parametrize("kind", ["text", "other-sqlite", "other-application"])
def test_a_file_of_another_program_is_refused_untouched(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "notes.db"
    if kind == "text":
        path.write_text("my notes, not a database\n" * 10)
    else:
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES ('keep me')")
        if kind == "other-application":
            db.execute("PRAGMA application_id = 1234")
        db.commit()
        db.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="not an exitplan store"):
        open_store(path, create=True)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_a_store_of_a_newer_exitplan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    _record(path, b"{}")
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(InputError, match="newer exitplan"):
        open_store(path, create=True)


def test_a_store_migrates_to_a_new_schema_and_keeps_its_snapshots(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite"
    kept = _record(path, b'{"kept": true}')
    step = "ALTER TABLE snapshot ADD COLUMN label TEXT; -- a later version's column"
    monkeypatch.setattr(store_module, "_MIGRATIONS", (*store_module._MIGRATIONS, step))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with open_store(path, create=False) as opened:
        assert opened.inventory_bytes(kept) == b'{"kept": true}'
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert "label" in [row[1] for row in db.execute("PRAGMA table_info(snapshot)")]


def test_a_damaged_content_is_reported_not_returned(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    kept = _record(path, b'{"a": 1}')
    db = sqlite3.connect(path)
    db.execute("UPDATE content SET size = size + 1")
    db.commit()
    db.close()
    with open_store(path, create=False) as opened:
        assert opened.check()
        with pytest.raises(InputError, match="checksum"):
            opened.inventory_bytes(kept)


def test_the_store_is_named_by_option_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve(None, {}) is None
    assert resolve("x.sqlite", {"EXITPLAN_STORE": "y.sqlite"}) == Path("x.sqlite")
    assert resolve(None, {"EXITPLAN_STORE": "y.sqlite"}) == Path("y.sqlite")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    default = resolve("default", {})
    assert default is not None and default.name == "history.sqlite"
    assert "exitplan" in default.parts


_WRITER = textwrap.dedent(
    """
    import datetime as dt, os, sys
    from pathlib import Path
    from exitplan.store import open_store
    path, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    when = dt.datetime(2026, 11, 2, tzinfo=dt.timezone.utc)
    with open_store(path, create=True) as store:
        for n in range(count):
            # Incompressible and a few MiB: each snapshot takes a while to write.
            body = os.urandom(int(sys.argv[4])) + f"{tag}-{n}".encode()
            store.record(tag, body, as_of=when, source=tag, resources=n, gaps=0)
            print(n, flush=True)
    """
)


def _writer(path: Path, tag: str, count: int, size: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), tag, str(count), str(size)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )


@pytest.mark.slow
def test_a_writer_killed_mid_write_leaves_every_snapshot_whole(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    committed = 0
    # Kill it at different moments after its second snapshot: compressing, inside the
    # transaction, committing.
    for pause in (0.0, 0.02, 0.05, 0.09, 0.14, 0.2):
        writer = _writer(path, "killed", 1000, 4 * 2**20)
        assert writer.stdout is not None
        for _line in range(2):
            writer.stdout.readline()
        time.sleep(pause)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        with open_store(path, create=False) as opened:
            assert opened.check() == []
            snapshots = opened.snapshots()
            for snapshot in snapshots:
                assert opened.inventory_bytes(snapshot.id).endswith(
                    f"killed-{snapshot.resources}".encode()
                )
        assert len(snapshots) >= committed + 2
        committed = len(snapshots)


@pytest.mark.slow
def test_concurrent_writers_all_land(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    _record(path, b"{}")  # made first, so both writers open an existing store
    writers = [_writer(path, tag, 15, 256 * 1024) for tag in ("one", "two")]
    for writer in writers:
        writer.communicate(timeout=120)
        assert writer.returncode == 0
    with open_store(path, create=False) as opened:
        assert opened.check() == []
        sources = [s.source for s in opened.snapshots()]
    assert sources.count("one") == sources.count("two") == 15
