"""A load generator light enough to share the server's 2 cores: asyncio streams, HTTP/1.1 keep-alive.

httpx.AsyncClient costs about 1 ms of client CPU per request (connection pool, header models,
response objects); at 150 requests/s that is 0.15 of a core taken from the server it measures. This
client does only what wrk does: one keep-alive connection per simulated client, each request in one
write, a response read by its Content-Length. It reads only what our responses use (a status line,
headers, a Content-Length body; no chunked encoding), and it counts its own CPU so that a report can
show the client's share beside the server's.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Request = Callable[[], tuple[str, str, dict | None]]


@dataclass
class Tally:
    """What one load run saw: latencies of the 200s, errors by kind, elapsed wall time and client CPU."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0
    client_cpu_s: float = 0.0

    def count(self, error: str) -> None:
        self.errors[error] = self.errors.get(error, 0) + 1

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.elapsed_s if self.elapsed_s else 0.0

    @property
    def client_cpu_ms_per_request(self) -> float:
        return self.client_cpu_s * 1000 / max(1, len(self.latencies_ms) + sum(self.errors.values()))


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects after the server closes it."""

    def __init__(self, host: str, port: int):
        self._host, self._port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: dict | None) -> int:
        """Send one request in one write; the response's status (its body is read and dropped)."""
        if self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        assert self._reader is not None
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self._host}:{self._port}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        self._writer.write(head.encode() + b"\r\n" + data)
        try:
            header = await self._reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            await self.close()
            raise ConnectionError("the server closed the connection") from None
        status_line, *lines = header[:-4].split(b"\r\n")
        length, keep_alive = 0, True
        for line in lines:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                keep_alive = False
        await self._reader.readexactly(length)
        if not keep_alive:
            await self.close()
        return int(status_line.split()[1])

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None


async def _client(host: str, port: int, make: Request, stop_at: float, tally: Tally) -> None:
    connection = Connection(host, port)
    try:
        while time.monotonic() < stop_at:
            method, path, body = make()
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(connection.request(method, path, body), timeout=60)
            except (TimeoutError, OSError, asyncio.IncompleteReadError) as error:
                tally.count(type(error).__name__)
                await connection.close()
                continue
            if status == 200:
                tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            else:
                tally.count(f"HTTP {status}")
    finally:
        await connection.close()


def run_lean_load(url: str, make: Request, clients: int, seconds: float) -> Tally:
    """``clients`` connections, each sending ``make()``'s requests back to back for ``seconds``."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80

    async def go() -> Tally:
        tally = Tally()
        cpu_before = time.process_time()
        started = time.monotonic()
        await asyncio.gather(*(_client(host, port, make, started + seconds, tally) for _ in range(clients)))
        tally.elapsed_s = time.monotonic() - started
        tally.client_cpu_s = time.process_time() - cpu_before
        return tally

    return asyncio.run(go())
