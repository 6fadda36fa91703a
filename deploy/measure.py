"""Load and resource figures for the scale test: throughput, latency, and CPU time per request per component."""

from __future__ import annotations

import itertools
import os
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

_addresses = itertools.count(1)
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# A client: called repeatedly with its own httpx.Client; returns True when the request succeeded.
Request = Callable[[httpx.Client], bool]


def fresh_client_address() -> dict[str, str]:
    """A new client address per request: nginx and workers trust loopback, so X-Forwarded-For names it."""
    number = next(_addresses)
    return {"x-forwarded-for": f"198.18.{number // 250 % 250}.{number % 250 + 1}"}


@dataclass
class Throughput:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def summary(self) -> str:
        return f"{self.rate:.1f} req/s, p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms, {self.errors} errors"


def run_load(make_request: Callable[[int], Request], clients: int, seconds: float) -> Throughput:
    """`clients` threads, each sending one request at a time for `seconds`; make_request(n) builds client n."""
    stop, lock = threading.Event(), threading.Lock()
    latencies: list[float] = []
    errors = [0]

    def client(number: int) -> None:
        request = make_request(number)
        with httpx.Client(timeout=30) as http:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    ok = request(http)
                except httpx.HTTPError:
                    ok = False
                with lock:
                    if ok:
                        latencies.append(time.perf_counter() - started)
                    else:
                        errors[0] += 1

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    ordered = sorted(latencies) or [0.0]
    return Throughput(len(latencies), time.perf_counter() - started, statistics.median(ordered) * 1000,
                      ordered[int(len(ordered) * 0.95)] * 1000, errors[0])


def asker(base: str, questions: list[str]) -> Callable[[int], Request]:
    """/v1/ask over the questions, each client starting at its own offset."""
    def make(number: int) -> Request:
        cycle = itertools.cycle(questions[number * 7:] + questions[:number * 7])

        def request(http: httpx.Client) -> bool:
            response = http.post(f"{base}/v1/ask", json={"question": next(cycle)}, headers=fresh_client_address())
            return response.status_code == 200
        return request
    return make


def chatter(base: str, messages: list[str]) -> Callable[[int], Request]:
    """/v1/chat: sessions of the given messages, one after another."""
    def make(_number: int) -> Request:
        state: dict[str, Any] = {"session_id": None, "turn": 0}

        def request(http: httpx.Client) -> bool:
            body: dict[str, Any] = {"message": messages[state["turn"]]}
            if state["session_id"]:
                body["session_id"] = state["session_id"]
            response = http.post(f"{base}/v1/chat", json=body, headers=fresh_client_address())
            if response.status_code != 200:
                return False
            state["turn"] = (state["turn"] + 1) % len(messages)
            state["session_id"] = response.json()["session_id"] if state["turn"] else None
            return True
        return request
    return make


# --- resources ------------------------------------------------------------------------------------


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2:].split()  # fields from the 3rd (state) on; comm may hold spaces


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat(int(entry.name))[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    return found


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process, its reaped children and its live descendants (PostgreSQL backends, nginx workers)."""
    try:
        fields = _stat(pid)
    except OSError:
        return 0.0
    own = sum(int(value) for value in fields[11:15]) / _CLOCK_TICKS  # utime, stime, cutime, cstime
    return own + sum(tree_cpu_seconds(child) for child in _children(pid))


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_per_request(pids: dict[str, list[int]], run: Callable[[], Throughput]) -> tuple[Throughput, dict[str, float]]:
    """Run the load and return it with each component's CPU milliseconds per successful request."""
    before = {name: sum(tree_cpu_seconds(pid) for pid in group) for name, group in pids.items()}
    result = run()
    after = {name: sum(tree_cpu_seconds(pid) for pid in group) for name, group in pids.items()}
    per_request = {name: (after[name] - before[name]) * 1000 / max(result.requests, 1) for name in pids}
    return result, per_request
