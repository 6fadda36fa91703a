"""The retention loop outlives a storage error: it logs, backs off, retries, and purges once it can."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

from assistant.api.purge import purge_forever
from assistant.api.storage_pool import StoragePool
from assistant.conversation.sessions import SessionStore


def test_purge_retries_after_a_locked_database_and_then_purges(tmp_path: Path, caplog):
    db = tmp_path / "sessions.db"
    store = SessionStore(f"sqlite:///{db}", busy_timeout_s=0.1)
    old = store.create()
    later = old.updated_at + timedelta(days=31)
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: holder.execute("ROLLBACK")).start()
    pool = StoragePool(threads=1, queue=0)

    async def run_for_a_while() -> None:
        task = asyncio.create_task(purge_forever(lambda: store.purge_expired(now=later), pool.run,
                                                 interval_s=60, first_retry_s=0.2))
        for _ in range(50):
            await asyncio.sleep(0.1)
            if store.count() == 0:
                break
        task.cancel()

    try:
        asyncio.run(run_for_a_while())
        assert store.count() == 0
        assert any("session purge failed" in record.getMessage() for record in caplog.records)
    finally:
        holder.close()
        pool.close()
        store.close()
