"""/v1/ask over HTTP against one query embedding, with the floors that no route code can go below.

Shared by bench/ask_vs_embedding.py and bench/serve_profile.py. One round, repeated: the client
embeds a question (timed: the embedding of the bar), then makes one request; each kind of request
below comes after its own embedding, so every request meets a server that sat idle while the client
computed, as the ask does. Kinds:
- ``ask``: POST /v1/ask with a question never asked before (the query-vector cache cannot help);
- ``healthz``: GET /healthz, the cheapest route of the app (all middleware, FastAPI, a tiny body);
- ``floor``: GET / of a bare ASGI app under the same uvicorn (FLOOR_APP): client, loopback and
  uvicorn's HTTP parsing only — what any route costs before our code runs.
Three clients, each on one keep-alive connection: LeanClient (each request in one write, as curl and
wrk send a small request: the figure of the bar), http.client (headers and body in two writes) and
httpx.Client (the client of the load tests); ask and floor with each, /healthz with the first. The
client's own CPU per floor request (this thread's, from time.thread_time) is reported for each.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import socket
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
    """HTTP/1.1 on one keep-alive socket, each request in one write, as curl and wrk send a small request.

    http.client writes the headers and the body separately: the server then starts on the headers and
    waits for a second segment (bench/README.md, "Two writes per request"). Only what our responses
    use is read: a status line, headers, a Content-Length body.
    """

    def __init__(self, url: str):
        parts = urlsplit(url)
        self._host = f"{parts.hostname}:{parts.port}"
        self._socket = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=30)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._buffer = b""

    def request(self, method: str, path: str, body: dict | None = None) -> bytes:
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self._host}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        self._socket.sendall(head.encode() + b"\r\n" + data)
        while b"\r\n\r\n" not in self._buffer:
            self._receive()
        end = self._buffer.index(b"\r\n\r\n") + 4
        status_line, *header_lines = self._buffer[: end - 4].split(b"\r\n")
        headers = dict(line.split(b":", 1) for line in header_lines)
        length = int({name.strip().lower(): value for name, value in headers.items()}[b"content-length"])
        while len(self._buffer) < end + length:
            self._receive()
        payload, self._buffer = self._buffer[end: end + length], self._buffer[end + length:]
        status = int(status_line.split()[1])
        if status != 200:
            raise RuntimeError(f"{method} {path}: HTTP {status} {payload[:200]!r}")
        return payload

    def _receive(self) -> None:
        chunk = self._socket.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self._buffer += chunk

    def close(self) -> None:
        self._socket.close()


class StdlibClient:
    """http.client on one keep-alive connection (headers and body in two writes)."""

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


CLIENTS = ("one write", "http.client", "httpx")


@dataclass
class RoundTrips:
    """Medians in ms per client (wall time of a request; the client's CPU from time.thread_time)."""

    rounds: int
    embedding: float
    healthz: float  # with the one-write client
    ask: dict[str, float]
    floor: dict[str, float]
    client_cpu: dict[str, float]  # for one floor request

    @property
    def ratio(self) -> float:
        """The bar's figure: /v1/ask with the one-write client over one embedding."""
        return self.ask["one write"] / self.embedding

    def report(self, backend: str) -> str:
        lines = [f"over HTTP, {self.rounds} rounds, each request after its own embedding (medians):",
                 f"  one query embedding ({backend}, in this process): {self.embedding:.2f} ms",
                 "  client        POST /v1/ask (new question)   ratio   bare ASGI floor   client CPU"]
        for client in CLIENTS:
            lines.append(f"  {client:12}  {self.ask[client]:10.2f} ms {self.ask[client] / self.embedding:13.2f}"
                         f" {self.floor[client]:12.2f} ms {self.client_cpu[client]:10.2f} ms")
        lines += [f"  GET /healthz (the app's cheapest route, one write): {self.healthz:.2f} ms",
                  f"  one write: /v1/ask − floor {self.ask['one write'] - self.floor['one write']:.2f} ms (answering and "
                  f"our HTTP stack), /healthz − floor {self.healthz - self.floor['one write']:.2f} ms; ratio {self.ratio:.2f} (bar 1.5)"]
        return "\n".join(lines)


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
    stdlib, floor_stdlib = StdlibClient(url), StdlibClient(floor_url)
    samples: dict[str, list[float]] = {}
    with httpx.Client(base_url=url, timeout=30) as rich, httpx.Client(base_url=floor_url, timeout=30) as floor_rich:
        def rich_ask() -> None:
            rich.post("/v1/ask", json={"question": next(asked)}).raise_for_status()

        kinds: dict[str, Callable[[], object]] = {
            "ask one write": lambda: lean.request("POST", "/v1/ask", {"question": next(asked)}),
            "floor one write": lambda: floor_lean.request("GET", "/"),
            "healthz": lambda: lean.request("GET", "/healthz"),
            "ask http.client": lambda: stdlib.request("POST", "/v1/ask", {"question": next(asked)}),
            "floor http.client": lambda: floor_stdlib.request("GET", "/"),
            "ask httpx": rich_ask,
            "floor httpx": lambda: floor_rich.get("/").raise_for_status(),
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
                    samples.setdefault(f"cpu {kind}", []).append(cpu_ended - cpu)
    for client in (lean, floor_lean, stdlib, floor_stdlib):
        client.close()
    median = {kind: statistics.median(values) * 1000 for kind, values in samples.items()}
    return RoundTrips(rounds=rounds, embedding=median["embedding"], healthz=median["healthz"],
                      ask={client: median[f"ask {client}"] for client in CLIENTS},
                      floor={client: median[f"floor {client}"] for client in CLIENTS},
                      client_cpu={client: median[f"cpu floor {client}"] for client in CLIENTS})
