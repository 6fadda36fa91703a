"""/v1/ask over HTTP against one query embedding, with the floors that no route code can go below.

Shared by bench/ask_vs_embedding.py and bench/serve_profile.py. One round, repeated: the client
embeds a question (timed: the embedding of the bar), then makes one request; each kind of request
below comes after its own embedding, so every request meets a server that sat idle while the client
computed, as the ask does. Kinds:
- ``ask``: POST /v1/ask with a question never asked before (the query-vector cache cannot help);
- ``healthz``: GET /healthz, the cheapest route of the app (all middleware, FastAPI, a tiny body);
- ``floor``: GET / of a bare ASGI app under the same uvicorn (FLOOR_APP): client, loopback and
  uvicorn's HTTP parsing only — what any route costs before our code runs;
and the same ask and floor with httpx.Client, the client the load tests use, to show the client's share.
The lean client is http.client (one keep-alive connection); its own CPU time per request (this
thread's, from time.thread_time) is reported, as is httpx's.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from bench.common import stop_server

# The smallest ASGI app: a fixed JSON body. Served with the options `assistant serve` passes to uvicorn.
FLOOR_APP = """
import sys, uvicorn
BODY = b'{"status":"ok"}'
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"15")]})
    await send({"type": "http.response.body", "body": BODY})
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", timeout_keep_alive=30,
            proxy_headers=False, lifespan="off")
"""
WARM_UP_ROUNDS = 30


class LeanClient:
    """HTTP/1.1 on one keep-alive connection with the standard library: the least a client can do."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self._connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)

    def request(self, method: str, path: str, body: dict | None = None) -> bytes:
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        headers = {"content-type": "application/json"} if data is not None else {}
        self._connection.request(method, path, body=data, headers=headers)
        response = self._connection.getresponse()
        payload = response.read()
        if response.status != 200:
            raise RuntimeError(f"{method} {path}: HTTP {response.status} {payload[:200]!r}")
        return payload

    def close(self) -> None:
        self._connection.close()


@contextmanager
def floor_server(port: int) -> Iterator[str]:
    """FLOOR_APP on 127.0.0.1:port in a child process; yields its URL."""
    server = subprocess.Popen([sys.executable, "-c", FLOOR_APP, str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the floor server did not start") from None
                time.sleep(0.05)
        yield url
    finally:
        stop_server(server)


@dataclass
class RoundTrips:
    """Medians in ms (wall time per request or embedding; client CPU from time.thread_time)."""

    rounds: int
    embedding: float
    ask: float
    healthz: float
    floor: float
    ask_httpx: float
    floor_httpx: float
    client_cpu: float  # the lean client's own CPU for one floor request
    client_cpu_httpx: float

    @property
    def ratio(self) -> float:
        return self.ask / self.embedding

    def report(self, backend: str) -> str:
        return "\n".join([
            f"over HTTP, {self.rounds} rounds, each request after its own embedding (medians):",
            f"  one query embedding ({backend}, in this process)   {self.embedding:6.2f} ms",
            f"  POST /v1/ask, new question                     {self.ask:6.2f} ms  ratio {self.ratio:.2f} (bar 1.5)",
            f"  GET /healthz (the app's cheapest route)        {self.healthz:6.2f} ms",
            f"  bare ASGI app under uvicorn (the floor)        {self.floor:6.2f} ms",
            f"  client CPU per request (http.client)           {self.client_cpu:6.2f} ms",
            f"  with httpx.Client: /v1/ask {self.ask_httpx:.2f} ms (ratio {self.ask_httpx / self.embedding:.2f}), "
            f"floor {self.floor_httpx:.2f} ms, client CPU {self.client_cpu_httpx:.2f} ms",
            f"  /v1/ask over the floor: {self.ask - self.floor:.2f} ms = answering and our HTTP stack; "
            f"/healthz over the floor: {self.healthz - self.floor:.2f} ms",
        ])


def new_questions(questions: list[str], tag: str) -> Iterator[str]:
    """Endless texts never asked before in this run (``tag`` keeps two runs' texts apart too)."""
    for number in itertools.count():
        yield f"{questions[number % len(questions)]}（{tag}{number}）"


def measure(url: str, floor_url: str, questions: list[str], embed: Callable[[str], object],
            rounds: int = 300) -> RoundTrips:
    """The medians of RoundTrips over ``rounds`` rounds after WARM_UP_ROUNDS unrecorded ones.

    ``embed`` must compute a new vector on every call (no cache), as the server does for a new question.
    """
    asked = new_questions(questions, f"往返{os.getpid()}-")
    embedded = new_questions(questions, f"嵌入{os.getpid()}-")
    lean, floor_lean = LeanClient(url), LeanClient(floor_url)
    samples: dict[str, list[float]] = {}
    with httpx.Client(base_url=url, timeout=30) as rich, httpx.Client(base_url=floor_url, timeout=30) as floor_rich:
        def rich_ask() -> None:
            rich.post("/v1/ask", json={"question": next(asked)}).raise_for_status()

        kinds: dict[str, Callable[[], object]] = {
            "ask": lambda: lean.request("POST", "/v1/ask", {"question": next(asked)}),
            "healthz": lambda: lean.request("GET", "/healthz"),
            "floor": lambda: floor_lean.request("GET", "/"),
            "ask_httpx": rich_ask,
            "floor_httpx": lambda: floor_rich.get("/").raise_for_status(),
        }
        for number in range(WARM_UP_ROUNDS + rounds):
            for kind, call in kinds.items():
                started = time.perf_counter()
                embed(next(embedded))
                middle, cpu = time.perf_counter(), time.thread_time()
                call()
                ended, cpu_ended = time.perf_counter(), time.thread_time()
                if number >= WARM_UP_ROUNDS:
                    samples.setdefault("embedding", []).append(middle - started)
                    samples.setdefault(kind, []).append(ended - middle)
                    samples.setdefault(f"cpu_{kind}", []).append(cpu_ended - cpu)
    lean.close()
    floor_lean.close()
    median = {kind: statistics.median(values) * 1000 for kind, values in samples.items()}
    return RoundTrips(rounds=rounds, embedding=median["embedding"], ask=median["ask"], healthz=median["healthz"],
                      floor=median["floor"], ask_httpx=median["ask_httpx"], floor_httpx=median["floor_httpx"],
                      client_cpu=median["cpu_floor"], client_cpu_httpx=median["cpu_floor_httpx"])
