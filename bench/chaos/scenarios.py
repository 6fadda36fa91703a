"""The chaos scenarios, each returning one row of the table."""

from __future__ import annotations

import contextlib
import shutil
import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from bench.chaos.hostile import RAW_REQUESTS, all_cases
from bench.chaos.report import HANG_S, Row, is_error_shape, send
from bench.chaos.server import Server, copy_index

SERVED = ("平台服务企业120家", ("platform", "served_enterprises"), 120)
REVENUE = ("安全服务收入520万元", ("security_service", "industrial_security_revenue_2y_yuan"), 5_200_000)
FAULT_BAR_S = 2.0


def _new_session(client: httpx.Client, url: str) -> str:
    response = client.post(f"{url}/v1/chat", json={"message": "你好"}, timeout=HANG_S)
    response.raise_for_status()
    return response.json()["session_id"]


def _fact(facts: dict, path: tuple[str, str]) -> object:
    return (facts.get(path[0]) or {}).get(path[1])


def _together(*calls: Callable[[], object]) -> list[object]:
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], object]) -> object:
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [future.result() for future in [pool.submit(run, call) for call in calls]]


def hostile_inputs(server: Server) -> Row:
    row = Row("hostile inputs (kinds)")
    with httpx.Client() as client:
        session_id = _new_session(client, server.url)
        for case in all_cases(session_id):
            response = send(client, case.method, server.url + case.path, content=case.body, headers=case.headers)
            before = row.server_5xx + row.hangs + row.unshaped_4xx
            row.count(response)
            if row.server_5xx + row.hangs + row.unshaped_4xx > before:
                row.note(f"{case.kind} -> {response.status_code if response is not None else 'no answer'}")
        if not server.alive():
            row.lost += 1
            row.note("the server died")
    return row


def raw_protocol(server: Server) -> Row:
    """Malformed HTTP: the server must answer or close promptly, never hang or die; 4xx shape noted."""
    row = Row("malformed HTTP (server level)")
    port = int(server.url.rsplit(":", 1)[1])
    for kind, request in RAW_REQUESTS.items():
        row.tried += 1
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=HANG_S + 2) as sock:
                sock.sendall(request)
                data = b""
                deadline = time.monotonic() + HANG_S + 2
                while time.monotonic() < deadline:
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                    if b"\r\n\r\n" in data and (b'"}}' in data or b"Content-Length: 0" in data
                                                 or data.split(b"\r\n\r\n", 1)[1]):
                        break
        except TimeoutError:
            row.hangs += 1
            row.note(f"{kind}: no answer")
            continue
        except OSError:
            data = b""
        status_line = data.split(b"\r\n", 1)[0].decode("latin-1")
        status = int(status_line.split()[1]) if status_line.startswith("HTTP/") else 0
        body = data.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in data else b""
        if status >= 500:
            row.server_5xx += 1
            row.note(f"{kind}: {status}")
        elif status == 0 or (400 <= status < 500 and b'"error"' not in body):
            row.unshaped_4xx += 1  # closed, or a plain-text answer from the HTTP parser
        elif status >= 400:
            row.clean_4xx += 1
        else:
            row.ok_2xx += 1
    row.note("unshaped = answered by the HTTP parser before the app (plain text or a closed socket)")
    if not server.alive():
        row.lost += 1
    return row


def racing_chats(server: Server, trials: int = 100) -> Row:
    row = Row(f"racing chats ({trials} trials x 2)")
    with httpx.Client(limits=httpx.Limits(max_connections=10)) as client:
        for _ in range(trials):
            session_id = _new_session(client, server.url)
            responses = _together(*[
                (lambda text=text, sid=session_id: send(client, "POST", f"{server.url}/v1/chat",
                                                        json={"session_id": sid, "message": text}))
                for text, _path, _value in (SERVED, REVENUE)
            ])
            for response in responses:
                row.count(response, storage_fault=True)  # type: ignore[arg-type]
            facts = client.get(f"{server.url}/v1/sessions/{session_id}").json()["facts"]
            for response, (_text, path, value) in zip(responses, (SERVED, REVENUE), strict=True):
                if response is not None and response.status_code == 200 and _fact(facts, path) != value:  # type: ignore[union-attr]
                    row.lost += 1
    return row


def racing_chat_and_edit(server: Server, trials: int = 100) -> Row:
    """A versioned PUT beside a chat turn: each acknowledged write is kept; a stale PUT is refused 409."""
    row = Row(f"chat vs PUT facts ({trials} trials)")
    refused = 0
    with httpx.Client(limits=httpx.Limits(max_connections=10)) as client:
        for _ in range(trials):
            session_id = _new_session(client, server.url)
            version = client.get(f"{server.url}/v1/sessions/{session_id}").json()["version"]
            edit = {"facts": {"applicant": {"registered_in_wuhan": True}}, "version": version}
            put, chat = _together(
                lambda sid=session_id, edit=edit: send(client, "PUT", f"{server.url}/v1/sessions/{sid}/facts",
                                                       json=edit),
                lambda sid=session_id: send(client, "POST", f"{server.url}/v1/chat",
                                            json={"session_id": sid, "message": SERVED[0]}),
            )
            for response in (put, chat):
                row.count(response, storage_fault=True)  # type: ignore[arg-type]
            facts = client.get(f"{server.url}/v1/sessions/{session_id}").json()["facts"]
            if put is not None and put.status_code == 200 and _fact(facts, ("applicant", "registered_in_wuhan")) is not True:  # type: ignore[union-attr]
                row.lost += 1
            if chat is not None and chat.status_code == 200 and _fact(facts, SERVED[1]) != SERVED[2]:  # type: ignore[union-attr]
                row.lost += 1
            refused += put is not None and put.status_code == 409  # type: ignore[union-attr]
    row.note(f"{refused} PUT(s) refused 409 session_conflict (their version was stale), none lost")
    return row


def kill_mid_turn(server: Server, sessions: int = 8, seconds: float = 4.0) -> Row:
    """Chats in flight on several sessions, then SIGKILL; after a restart every acknowledged turn is there."""
    row = Row("kill -9 mid-turn")
    acknowledged: dict[str, list[str]] = {}
    stop = threading.Event()
    lock = threading.Lock()
    with httpx.Client(limits=httpx.Limits(max_connections=sessions + 2)) as client:
        ids = [_new_session(client, server.url) for _ in range(sessions)]

        def talk(session_id: str) -> None:
            step = 0
            while not stop.is_set():
                text = f"平台服务企业{100 + step}家"
                try:
                    response = client.post(f"{server.url}/v1/chat", json={"session_id": session_id, "message": text},
                                           timeout=HANG_S)
                except httpx.TransportError:
                    return  # the server died under this request: it was never acknowledged
                with lock:
                    row.tried += 1
                    if response.status_code == 200:
                        row.ok_2xx += 1
                        acknowledged.setdefault(session_id, []).append(text)
                step += 1

        threads = [threading.Thread(target=talk, args=(session_id,)) for session_id in ids]
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        server.kill9()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        server.start()
        for session_id, texts in acknowledged.items():
            stored = [turn["text"] for turn in client.get(f"{server.url}/v1/sessions/{session_id}").json()["turns"]
                      if turn["role"] == "user"]
            row.lost += sum(1 for text in texts if text not in stored)
    row.note(f"{row.ok_2xx} acknowledged turns checked after the restart")
    return row


def held_sqlite_lock(server: Server) -> Row:
    row = Row("held SQLite write lock")
    db = server.data_dir / "sessions.db"
    with httpx.Client() as client:
        session_id = _new_session(client, server.url)
        holder = sqlite3.connect(db, isolation_level=None, timeout=5)
        holder.execute("BEGIN IMMEDIATE")
        try:
            _timed_probe(row, client, "GET", f"{server.url}/healthz", expect=200, name="healthz")
            _timed_probe(row, client, "POST", f"{server.url}/v1/ask", expect=200, name="ask",
                         json={"question": "双跨平台奖励多少钱？"})
            _timed_probe(row, client, "POST", f"{server.url}/v1/chat", expect=503, name="chat write",
                         json={"session_id": session_id, "message": REVENUE[0]})
            _timed_probe(row, client, "GET", f"{server.url}/healthz/ready", expect=503, name="ready")
            # a burst of writers must not starve liveness either
            burst = _together(*[(lambda: send(client, "POST", f"{server.url}/v1/chat",
                                              json={"session_id": session_id, "message": SERVED[0]}))] * 20,
                              lambda: _timed(lambda: send(client, "GET", f"{server.url}/healthz")))
            *writes, (health, health_s) = burst
            for response in writes:
                row.count(response, storage_fault=True)  # type: ignore[arg-type]
            if health is None or health.status_code != 200 or health_s > FAULT_BAR_S:
                row.hangs += 1
                row.note(f"healthz during a write burst took {health_s:.1f}s")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        _recovered(row, client, server.url, session_id)
    return row


def garbage_session_db(server: Server) -> Row:
    """The server restarts on a sessions.db that is garbage: it comes up, refuses session work with a
    clear 503, and serves again once the operator moves the file aside, without another restart."""
    row = Row("garbage sessions.db")
    db = server.data_dir / "sessions.db"
    server.stop()
    for leftover in db.parent.glob("sessions.db-*"):
        leftover.unlink()
    db.write_bytes(b"not a database\x00" * 4096)
    server.start()
    with httpx.Client() as client:
        _timed_probe(row, client, "POST", f"{server.url}/v1/chat", expect=503, name="chat", json={"message": "你好"})
        _timed_probe(row, client, "GET", f"{server.url}/healthz", expect=200, name="healthz")
        _timed_probe(row, client, "POST", f"{server.url}/v1/ask", expect=200, name="ask",
                     json={"question": "双跨平台奖励多少钱？"})
        _timed_probe(row, client, "GET", f"{server.url}/healthz/ready", expect=503, name="ready")
        db.rename(db.with_name("sessions.db.garbage"))
        for leftover in db.parent.glob("sessions.db-*"):
            leftover.unlink()
        _recovered(row, client, server.url, None)
    return row


def corrupted_index(base: Path, work: Path, log_dir: Path) -> Row:
    row = Row("corrupted Chroma index at start")
    data_dir = work / "corrupt-index"
    copy_index(base, data_dir)
    (data_dir / "chroma" / "chroma.sqlite3").write_bytes(b"garbled index " * 5000)
    server = Server(data_dir, log_dir, "corrupt-index")
    try:
        server.start()
        with httpx.Client() as client:
            response = send(client, "POST", f"{server.url}/v1/ask", json={"question": "双跨平台奖励多少钱？"})
            row.count(response)
            if response is None or "500万元" not in response.text:
                row.lost += 1
                row.note("the rebuilt index did not answer")
        if "moved to" not in server.log_text():
            row.note("no log line about the moved index")
            row.lost += 1
        row.note(f"moved aside: {[p.name for p in data_dir.glob('chroma.corrupt-*')]}")
    except RuntimeError as error:
        row.tried += 1
        row.hangs += 1
        row.note(str(error))
    finally:
        server.stop()
    return row


def workers_on_empty_dir(work: Path, log_dir: Path, workers: int) -> Row:
    row = Row(f"{workers} workers, empty data dir")
    server = Server(work / f"workers-{workers}", log_dir, f"workers-{workers}", workers=workers)
    try:
        server.start(wait=False)
        server.wait_healthy()
        time.sleep(3)  # give a slower worker time to crash, if it would
        with httpx.Client() as client:
            for _ in range(8 * workers):  # fresh connections spread over the workers
                response = send(client, "POST", f"{server.url}/v1/ask", json={"question": "双跨平台奖励多少钱？"},
                                headers={"connection": "close"})
                row.count(response)
        dead = server.log_text().count("Child process") + server.log_text().count("died")
        if dead:
            row.lost += 1
            row.note("a worker died: see " + str(server.log_path))
    except RuntimeError as error:
        row.tried += 1
        row.hangs += 1
        row.note(str(error))
    finally:
        server.stop()
    return row


@contextlib.contextmanager
def _tmpfs(path: Path, size: str) -> Iterator[str | None]:
    """Mount a small tmpfs at `path`; yields None when mounting is not permitted, else the reason."""
    path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        yield f"cannot mount a tmpfs here ({(result.stderr or result.stdout).strip()[:80]})"
        return
    try:
        yield None
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def disk_full(base: Path, work: Path, log_dir: Path) -> Row:
    row = Row("disk full (small tmpfs)")
    mount = work / "full"
    with _tmpfs(mount, "8m") as reason:
        if reason:
            row.skipped = reason
            return row
        data_dir = mount / "data"
        copy_index(base, data_dir)
        server = Server(data_dir, log_dir, "disk-full")
        try:
            server.start()
            with httpx.Client() as client:
                session_id = _new_session(client, server.url)
                filler = mount / "filler"
                subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True)
                for index in range(5):  # SQLite may have a free page or two left
                    _timed_probe(row, client, "POST", f"{server.url}/v1/chat", expect=(200, 503),
                                 name=f"chat {index}", json={"session_id": session_id, "message": "x" * 1500})
                _timed_probe(row, client, "GET", f"{server.url}/healthz", expect=200, name="healthz")
                filler.unlink()
                _recovered(row, client, server.url, session_id)
        finally:
            server.stop()
    return row


def read_only_dir(base: Path, work: Path, log_dir: Path) -> Row:
    """A server started on a read-only data dir comes up (index in memory) instead of crash-looping,
    refuses writes with a clear 503, and writes once the filesystem is writable again, without a restart.

    (A filesystem cannot be remounted read-only under a server holding its database open for writing:
    that case is the garbage/disk-full rows' territory.)
    """
    row = Row("read-only data dir")
    mount = work / "ro"
    with _tmpfs(mount, "8m") as reason:
        if reason:
            row.skipped = reason
            return row
        data_dir = mount / "data"
        copy_index(base, data_dir)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        server = Server(data_dir, log_dir, "read-only")
        try:
            server.start()
            with httpx.Client() as client:
                _timed_probe(row, client, "GET", f"{server.url}/healthz", expect=200, name="healthz")
                _timed_probe(row, client, "POST", f"{server.url}/v1/ask", expect=200, name="ask",
                             json={"question": "双跨平台奖励多少钱？"})
                _timed_probe(row, client, "POST", f"{server.url}/v1/chat", expect=503, name="chat write",
                             json={"message": "你好"})
                _timed_probe(row, client, "GET", f"{server.url}/healthz/ready", expect=503, name="ready")
                subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True)
                _recovered(row, client, server.url, None)
        except (RuntimeError, subprocess.CalledProcessError) as error:
            row.tried += 1
            row.hangs += 1
            row.note(str(error))
        finally:
            server.stop()
            subprocess.run(["mount", "-o", "remount,rw", str(mount)], capture_output=True)
    return row


def _timed(call: Callable[[], httpx.Response | None]) -> tuple[httpx.Response | None, float]:
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def _timed_probe(row: Row, client: httpx.Client, method: str, url: str, *, expect: int | tuple[int, ...],
                 name: str, **kwargs: object) -> None:
    """One request that must get the expected status within FAULT_BAR_S; a miss counts as a failure."""
    response, seconds = _timed(lambda: send(client, method, url, **kwargs))
    expected = (expect,) if isinstance(expect, int) else expect
    if url.endswith("/healthz/ready") and response is not None and response.status_code == 503:
        # readiness answers 503 with its own body: which part is not ready, and why
        row.tried += 1
        row.refused_503 += 1
        if response.json().get("status") != "not_ready" or seconds > FAULT_BAR_S:
            row.lost += 1
            row.note(f"{name}: {response.text[:100]} in {seconds:.1f}s")
        return
    row.count(response, storage_fault=True)
    if response is None:
        return
    if response.status_code not in expected or seconds > FAULT_BAR_S:
        row.lost += 1  # a fault answered wrongly or slowly counts against the suite
        row.note(f"{name}: {response.status_code} in {seconds:.1f}s (wanted {expected} within {FAULT_BAR_S:g}s)")
    elif response.status_code == 503 and not (is_error_shape(response, "storage_unavailable")
                                              and response.headers.get("retry-after")):
        row.lost += 1
        row.note(f"{name}: 503 without storage_unavailable and Retry-After")


def _recovered(row: Row, client: httpx.Client, url: str, session_id: str | None) -> None:
    """After the fault is gone, writes succeed again without a restart."""
    body = {"message": SERVED[0]} | ({"session_id": session_id} if session_id else {})
    deadline = time.monotonic() + 10
    response = None
    while time.monotonic() < deadline:
        response = send(client, "POST", f"{url}/v1/chat", json=body)
        if response is not None and response.status_code == 200:
            break
        time.sleep(0.5)
    row.count(response, storage_fault=True)
    if response is None or response.status_code != 200:
        row.lost += 1
        row.note("did not recover without a restart")
    else:
        row.note("recovered without a restart")


def copy_base_index(server: Server, target: Path) -> Path:
    """Snapshot the main server's built index for the scenarios that need a data dir of their own."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(server.data_dir / "chroma", target / "chroma", dirs_exist_ok=True)
    return target
