"""`make scale-test`: the scaled set-up on loopback, checked for what only a cluster shows.

Starts PostgreSQL, Redis, a Chroma server, the one-time jobs, three workers and nginx (deploy/cluster.py),
then: a session's turns on different workers keep every fact, also when two workers write one session
at once; the rate limit holds across workers; killing a worker mid-load loses no acknowledged turn and
nginx routes around it; a worker started later serves at once from the existing index; throughput with
three workers versus one. Prints a table; exits 1 on any loss or broken check.

Facts are read back from PostgreSQL itself, not from a worker, so a check cannot be fooled by a cache.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from deploy.cluster import Cluster, ClusterError, Ports, start_all  # noqa: E402
from deploy.measure import asker, chatter, cpu_per_request, fresh_client_address, rss_mib, run_load  # noqa: E402

# Each message states one fact at its own path (tests/conversation/extraction_cases.yaml has more).
FACT_MESSAGES: list[tuple[str, str, int]] = [
    ("平台服务企业120家", "platform.served_enterprises", 120),
    ("安全服务收入520万元", "security_service.industrial_security_revenue_2y_yuan", 5_200_000),
    ("接入设备12000台", "platform.connected_devices", 12_000),
    ("新增接入企业节点150个", "identifier_node.new_enterprise_nodes", 150),
    ("标识注册量1.2亿", "identifier_node.new_registrations", 120_000_000),
    ("每天解析80万次", "identifier_node.daily_resolutions", 800_000),
    ("形成了3个典型应用场景", "identifier_node.application_scenarios", 3),
]
# The per-client limit the cluster runs with: the default plus a small window the check can exhaust.
CHECK_LIMIT, CHECK_WINDOW_S = 20, 10
RATE_LIMIT = f"3000/second;{CHECK_LIMIT}/{CHECK_WINDOW_S}second"
QUESTIONS = [case["question"] for case in yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "eval" / "data" / "qa_dev.yaml").read_text(encoding="utf-8"))["questions"]]
@dataclass
class Row:
    check: str
    result: str
    ok: bool


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)

    def add(self, check: str, result: str, ok: bool) -> None:
        self.rows.append(Row(check, result, ok))
        print(f"  {'ok  ' if ok else 'FAIL'} {check}: {result}", flush=True)

    def print_table(self) -> None:
        width = max(len(row.check) for row in self.rows)
        print(f"\n| {'check'.ljust(width)} | ok | result |\n| {'-' * width} | -- | ------ |")
        for row in self.rows:
            print(f"| {row.check.ljust(width)} | {'✓' if row.ok else '✗'}  | {row.result} |")


class Store:
    """Reads what PostgreSQL holds: the truth every worker shares."""

    def __init__(self, port: int):
        import psycopg

        self.conn = psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="assistant", autocommit=True)

    def facts(self, session_id: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT facts FROM sessions WHERE id = %s", (session_id,)).fetchone()
        return row[0] if row else {}

    def user_turns(self, session_id: str) -> list[str]:
        rows = self.conn.execute("SELECT text FROM turns WHERE session_id = %s AND role = 'user' ORDER BY seq",
                                 (session_id,)).fetchall()
        return [row[0] for row in rows]


def fact_at(facts: dict[str, Any], path: str) -> Any:
    value: Any = facts
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def chat(client: httpx.Client, base: str, session_id: str | None, message: str) -> httpx.Response:
    body: dict[str, Any] = {"message": message}
    if session_id:
        body["session_id"] = session_id
    return client.post(f"{base}/v1/chat", json=body, headers=fresh_client_address(), timeout=30)


# --- checks ---------------------------------------------------------------------------------------------


def check_session_across_workers(cluster: Cluster, store: Store, report: Report, sessions: int = 5) -> None:
    """Each turn of a session on the next worker in turn (directly, so the spread is certain)."""
    workers = [f"http://127.0.0.1:{cluster.ports.worker(n)}" for n in (1, 2, 3)]
    lost = total = 0
    with httpx.Client() as client:
        for _ in range(sessions):
            session_id = None
            for index, (message, _path, _value) in enumerate(FACT_MESSAGES):
                response = chat(client, workers[index % 3], session_id, message)
                response.raise_for_status()
                session_id = response.json()["session_id"]
            stored = store.facts(session_id or "")
            total += len(FACT_MESSAGES)
            lost += sum(fact_at(stored, path) != value for _message, path, value in FACT_MESSAGES)
    report.add("session turns spread over 3 workers", f"{lost} of {total} facts lost ({sessions} sessions × "
               f"{len(FACT_MESSAGES)} turns)", lost == 0)


def check_concurrent_writers(cluster: Cluster, store: Store, report: Report, trials: int = 20) -> None:
    """Two workers write two facts into one session at the same instant (issue 14's lost update)."""
    first, second = FACT_MESSAGES[0], FACT_MESSAGES[1]
    lost = acknowledged = 0
    with httpx.Client() as client:
        for _ in range(trials):
            session_id = chat(client, f"http://127.0.0.1:{cluster.ports.worker(1)}", None, "你好").json()["session_id"]
            barrier = threading.Barrier(2)

            def send(worker: int, message: str, sid: str = session_id, gate: threading.Barrier = barrier) -> int:
                gate.wait()
                with httpx.Client() as own:
                    return chat(own, f"http://127.0.0.1:{cluster.ports.worker(worker)}", sid, message).status_code

            with ThreadPoolExecutor(2) as pool:
                statuses = list(pool.map(send, (2, 3), (first[0], second[0])))
            stored = store.facts(session_id)
            # Only an acknowledged (200) turn counts as lost; a clear 409/503 is an honest refusal.
            acknowledged += statuses.count(200)
            lost += sum(status == 200 and fact_at(stored, path) != value
                        for status, (_m, path, value) in zip(statuses, (first, second), strict=True))
    report.add("two workers write one session at once", f"{lost} of {acknowledged} acknowledged facts lost, "
               f"{2 * trials - acknowledged} refused ({trials} trials)", lost == 0 and acknowledged > 0)


def check_shared_rate_limit(cluster: Cluster, report: Report) -> None:
    """One client address, requests round-robin over the three workers: the limit counts them all."""
    client_address = {"x-forwarded-for": "203.0.113.77"}
    statuses, retry_after = [], None
    with httpx.Client() as client:
        for number in range(3 * CHECK_LIMIT):
            worker = f"http://127.0.0.1:{cluster.ports.worker(number % 3 + 1)}"
            response = client.get(f"{worker}/v1/clauses/a1", headers=client_address)
            statuses.append(response.status_code)
            if response.status_code == 429 and retry_after is None:
                retry_after = int(response.headers["retry-after"])
        accepted = statuses.count(200)
        report.add("rate limit shared by 3 workers", f"{accepted} of {len(statuses)} accepted for a limit of "
                   f"{CHECK_LIMIT}/{CHECK_WINDOW_S}s (memory counters would accept {3 * CHECK_LIMIT})",
                   accepted == CHECK_LIMIT)
        ok = retry_after is not None and 1 <= retry_after <= CHECK_WINDOW_S
        if ok and retry_after is not None:
            time.sleep(retry_after)
            ok = client.get(f"http://127.0.0.1:{cluster.ports.nginx}/v1/clauses/a1",
                            headers=client_address).status_code == 200
        report.add("Retry-After is the real wait", f"Retry-After {retry_after} s for a {CHECK_WINDOW_S} s window; "
                   f"{'accepted' if ok else 'refused'} after waiting it", ok)


@dataclass
class LoadResult:
    acknowledged: list[tuple[str, str, str, int]] = field(default_factory=list)  # session, message, path, value
    failures: list[float] = field(default_factory=list)  # monotonic times of failed requests


def chat_load(base: str, stop: threading.Event, result: LoadResult, lock: threading.Lock) -> None:
    """One client: sessions of FACT_MESSAGES turns, one request at a time, until told to stop."""
    with httpx.Client() as client:
        while not stop.is_set():
            session_id = None
            for message, path, value in FACT_MESSAGES:
                if stop.is_set():
                    break
                try:
                    response = chat(client, base, session_id, message)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    if ok:
                        session_id = response.json()["session_id"]
                        result.acknowledged.append((session_id, message, path, value))
                    else:
                        result.failures.append(time.monotonic())


def check_kill_worker_mid_load(cluster: Cluster, store: Store, report: Report, clients: int = 6,
                               seconds: float = 16) -> None:
    """SIGKILL worker 3 halfway through a chat load through nginx; every acknowledged turn must be stored."""
    stop, lock, result = threading.Event(), threading.Lock(), LoadResult()
    base = f"http://127.0.0.1:{cluster.ports.nginx}"
    threads = [threading.Thread(target=chat_load, args=(base, stop, result, lock)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 2)
    killed_at = time.monotonic()
    cluster.kill("worker3")
    time.sleep(seconds / 2)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    lost_turns = lost_facts = 0
    for session_id, message, path, value in result.acknowledged:
        lost_turns += message not in store.user_turns(session_id)
        lost_facts += fact_at(store.facts(session_id), path) != value
    late_failures = [at for at in result.failures if at > killed_at + 2]
    report.add("kill -9 one worker mid-load: acknowledged turns lost",
               f"{lost_turns} turns, {lost_facts} facts of {len(result.acknowledged)} acknowledged",
               lost_turns == 0 and lost_facts == 0 and len(result.acknowledged) > 0)
    report.add("nginx routes around the dead worker",
               f"{len(result.failures)} failed requests, {len(late_failures)} of them later than 2 s after the kill",
               not late_failures)


def check_late_worker(cluster: Cluster, report: Report) -> None:
    """A fourth worker started now reads the index the job built: it serves as soon as its model is loaded."""
    seconds = cluster.start_worker(4)
    response = httpx.post(f"http://127.0.0.1:{cluster.ports.worker(4)}/v1/ask",
                          json={"question": "安全服务机构收入500万能补多少？"}, headers=fresh_client_address(), timeout=30)
    log = (cluster.logs / "worker4.log").read_text(encoding="utf-8", errors="replace")
    ok = response.status_code == 200 and bool(response.json().get("citations")) and "index reused" in log
    report.add("worker started later serves from the existing index",
               f"ready in {seconds:.1f} s, index {'reused' if 'index reused' in log else 'NOT reused'}, "
               f"first answer {response.status_code}", ok)


def warm_up(cluster: Cluster, workers: list[int]) -> None:
    """Each worker answers every dev question once, so both runs measure the same warm state."""
    def ask_all(number: int) -> None:
        with httpx.Client() as client:
            for question in QUESTIONS:
                client.post(f"http://127.0.0.1:{cluster.ports.worker(number)}/v1/ask", json={"question": question},
                            headers=fresh_client_address(), timeout=60)

    with ThreadPoolExecutor(len(workers)) as pool:
        list(pool.map(ask_all, workers))


def check_throughput(cluster: Cluster, report: Report, clients: int, seconds: float) -> None:
    """/v1/ask through nginx to one worker, then to three; CPU per request of every component; chat turns."""
    workers = [1, 2, 4]  # worker 3 was killed
    warm_up(cluster, workers)
    one_port, three_port = cluster.ports.base + 4, cluster.ports.base + 5
    cluster.start_nginx("nginx-one", one_port, workers[:1])
    cluster.start_nginx("nginx-three", three_port, workers)
    pids = {"workers": [cluster.pid(f"worker{n}") for n in workers], "nginx": [cluster.pid("nginx-three")],
            "chroma": [cluster.pid("chroma")], "redis": [cluster.pid("redis")], "postgres": [cluster.postgres_pid()]}
    one = run_load(asker(f"http://127.0.0.1:{one_port}", QUESTIONS), clients, seconds)
    three, ask_cpu = cpu_per_request(pids, lambda: run_load(asker(f"http://127.0.0.1:{three_port}", QUESTIONS),
                                                            clients, seconds))
    messages = [message for message, _path, _value in FACT_MESSAGES]
    chat, chat_cpu = cpu_per_request(pids, lambda: run_load(chatter(f"http://127.0.0.1:{three_port}", messages),
                                                            clients, seconds))
    setting = f"{clients} clients, {seconds:.0f} s"
    report.add("/v1/ask throughput, 1 worker", f"{one.summary()} ({setting})", one.errors == 0)
    report.add("/v1/ask throughput, 3 workers", f"{three.summary()}; ×{three.rate / max(one.rate, 1e-9):.2f} "
               "of one worker", three.errors == 0)
    report.add("/v1/chat throughput, 3 workers", f"{chat.summary()} ({setting})", chat.errors == 0)
    for label, cpu in (("CPU ms per /v1/ask", ask_cpu), ("CPU ms per chat turn", chat_cpu)):
        report.add(label, ", ".join(f"{name} {ms:.2f}" for name, ms in cpu.items()), True)
    memory = [rss_mib(cluster.pid(f"worker{n}")) for n in workers]
    report.add("worker resident memory", " / ".join(f"{mib:.0f} MiB" for mib in memory)
               + f"; Chroma {rss_mib(cluster.pid('chroma')):.0f} MiB, Redis {rss_mib(cluster.pid('redis')):.0f} MiB",
               True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-port", type=int, default=18200)
    parser.add_argument("--clients", type=int, default=12, help="concurrent clients in the throughput runs")
    parser.add_argument("--seconds", type=float, default=15, help="length of each throughput run")
    parser.add_argument("--keep", action="store_true", help="leave the run folder (logs) in place")
    args = parser.parse_args(argv)
    run_dir = Path(tempfile.mkdtemp(prefix="assistant-scale-"))
    cluster = Cluster(run_dir, Ports(args.base_port), rate_limit=RATE_LIMIT)
    report = Report()
    started = time.perf_counter()
    try:
        print(f"starting PostgreSQL, Redis, Chroma, the jobs, 3 workers and nginx (logs: {cluster.logs})", flush=True)
        start_all(cluster, 3)
        report.add("cluster up", f"in {time.perf_counter() - started:.0f} s", True)
        store = Store(cluster.ports.postgres)
        check_session_across_workers(cluster, store, report)
        check_concurrent_writers(cluster, store, report)
        check_shared_rate_limit(cluster, report)
        check_kill_worker_mid_load(cluster, store, report)
        check_late_worker(cluster, report)
        check_throughput(cluster, report, args.clients, args.seconds)
    except (ClusterError, httpx.HTTPError) as error:
        report.add("run", f"aborted: {error}", False)
    finally:
        cluster.stop()
        if not args.keep:
            import shutil

            shutil.rmtree(run_dir, ignore_errors=True)
    report.print_table()
    failed = [row.check for row in report.rows if not row.ok]
    print(f"\n{len(report.rows) - len(failed)} of {len(report.rows)} checks passed in "
          f"{time.perf_counter() - started:.0f} s" + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
