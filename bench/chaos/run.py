"""`make chaos`: start the real server and try to break it; print the table; exit 1 on any 5xx, hang or loss.

Run: .venv/bin/python bench/chaos/run.py [--quick]
Servers listen on 127.0.0.1 ports 18100-18199 only. Disk-full and read-only scenarios mount a small
tmpfs; where mounting is not permitted they are skipped with the reason.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.chaos import scenarios  # noqa: E402
from bench.chaos.report import Row, table  # noqa: E402
from bench.chaos.server import Server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=100, help="racing-writer trials")
    parser.add_argument("--keep", action="store_true", help="keep the work dir (logs, data) for inspection")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chaos-"))
    logs = work / "logs"
    logs.mkdir()
    started = time.perf_counter()
    rows: list[Row] = []
    main_server = Server(work / "main", logs, "main")
    print(f"chaos: work dir {work}; starting the server (builds the index on an empty data dir)", flush=True)
    main_server.start()
    base = scenarios.copy_base_index(main_server, work / "base")
    try:
        for name, scenario in [
            ("hostile inputs", lambda: scenarios.hostile_inputs(main_server)),
            ("malformed HTTP", lambda: scenarios.raw_protocol(main_server)),
            ("racing chats", lambda: scenarios.racing_chats(main_server, args.trials)),
            ("chat vs PUT", lambda: scenarios.racing_chat_and_edit(main_server, args.trials)),
            ("held lock", lambda: scenarios.held_sqlite_lock(main_server)),
            ("kill -9", lambda: scenarios.kill_mid_turn(main_server)),
            ("garbage sessions.db", lambda: scenarios.garbage_session_db(main_server)),
            ("corrupted index", lambda: scenarios.corrupted_index(base, work, logs)),
            ("disk full", lambda: scenarios.disk_full(base, work, logs)),
            ("read-only dir", lambda: scenarios.read_only_dir(base, work, logs)),
            ("2 workers", lambda: scenarios.workers_on_empty_dir(work, logs, 2)),
            ("4 workers", lambda: scenarios.workers_on_empty_dir(work, logs, 4)),
        ]:
            print(f"chaos: {name} …", flush=True)
            scenario_started = time.perf_counter()
            try:
                row = scenario()
            except Exception as error:  # a scenario that breaks is a failed row, not a lost table
                row = Row(name, tried=1, hangs=1, notes=[f"scenario error: {type(error).__name__}: {error}"])
            rows.append(row)
            print(f"chaos: {name} done in {time.perf_counter() - scenario_started:.0f}s", flush=True)
    finally:
        main_server.stop()
    print()
    print(table(rows))
    for row in rows:
        for note in row.notes:
            print(f"  {row.scenario}: {note}")
    failed = [row.scenario for row in rows if row.failed]
    print(f"\n{len(rows)} scenarios in {time.perf_counter() - started:.0f}s; "
          + (f"FAILED: {', '.join(failed)}" if failed else "no 5xx, no hang, nothing lost"))
    if args.keep or failed:
        print(f"logs and data kept in {work}")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
