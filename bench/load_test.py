"""Load test: concurrent clients POST /v1/ask for a fixed time against a server this script starts.

Run: .venv/bin/python bench/load_test.py [--clients 32] [--seconds 30] [--new-questions]
The server is `.venv/bin/assistant serve` on a free 127.0.0.1 port with a temporary data directory and
a high rate limit; it is stopped at the end. Requests are bounded by time and by --max-requests.
Reports requests/s, p50/p95/p99 latency and the error count (the bar: 0 errors).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REPO, dev_questions, free_port, machine, percentile, stop_server  # noqa: E402

ASSISTANT = Path(sys.executable).parent / "assistant"


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_RATE_LIMIT": "1000000/minute",
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    server = subprocess.Popen([str(ASSISTANT), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"assistant serve exited with {server.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return server, url
        except httpx.TransportError:
            time.sleep(0.1)
    stop_server(server)
    raise SystemExit("assistant serve did not become ready within 120 s")


class Tally:
    """Latencies of successful requests and the errors, shared by the client tasks of one event loop."""

    def __init__(self) -> None:
        self.latencies_ms: list[float] = []
        self.errors: dict[str, int] = {}

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def client_loop(client: httpx.AsyncClient, questions: itertools.cycle[str], stop_at: float, budget: list[int],
                      tally: Tally) -> None:
    while time.monotonic() < stop_at and budget[0] > 0:
        budget[0] -= 1
        question = next(questions)
        start = time.perf_counter()
        try:
            response = await client.post("/v1/ask", json={"question": question})
        except httpx.HTTPError as error:
            tally.error(type(error).__name__)
            continue
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200 or response.json().get("status") not in ("answered", "not_found", "clarify"):
            tally.error(f"HTTP {response.status_code}")
        else:
            tally.latencies_ms.append(elapsed)


async def run_load(url: str, questions: list[str], clients: int, seconds: float, max_requests: int) -> tuple[Tally, float]:
    tally = Tally()
    budget = [max_requests]
    cycle = itertools.cycle(questions)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        started = time.monotonic()
        stop_at = started + seconds
        await asyncio.gather(*(client_loop(client, cycle, stop_at, budget, tally) for _ in range(clients)))
        elapsed = time.monotonic() - started
    return tally, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop earlier if this many were sent")
    parser.add_argument("--new-questions", action="store_true",
                        help="make every question unique (a number appended) so no query vector is cached")
    args = parser.parse_args()
    questions = dev_questions()
    if args.new_questions:
        questions = [f"{question}（{number}）" for number in range(2000) for question in questions]
    print(f"machine: {machine()}  (client and server share it)")
    with tempfile.TemporaryDirectory(prefix="bench-load-") as data_dir:
        server, url = start_server(Path(data_dir))
        try:
            asyncio.run(run_load(url, questions[:32], 4, 2.0, 1000))  # warm-up, not counted
            tally, elapsed = asyncio.run(run_load(url, questions, args.clients, args.seconds, args.max_requests))
        finally:
            stop_server(server)
    done = len(tally.latencies_ms)
    errors = sum(tally.errors.values())
    print(f"POST /v1/ask, {args.clients} clients, {elapsed:.1f} s, "
          f"{'unique questions' if args.new_questions else f'{len(questions)} dev questions cycled'}")
    print(f"requests ok {done}, errors {errors} {tally.errors or ''}")
    if done:
        print(f"throughput {done / elapsed:.1f} requests/s; latency p50 {percentile(tally.latencies_ms, 0.50):.1f} ms  "
              f"p95 {percentile(tally.latencies_ms, 0.95):.1f} ms  p99 {percentile(tally.latencies_ms, 0.99):.1f} ms  "
              f"max {max(tally.latencies_ms):.1f} ms")
    verdict = "PASS" if errors == 0 and done else "FAIL"
    print(f"bar: 0 errors — {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
