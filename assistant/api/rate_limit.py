"""Per-client rate limiting: a moving window whose counters live in this process or in Redis (`limits`).

Several workers share one limit only if they share the counters, hence the Redis storage. The client
is the TCP peer, unless the peer is a trusted proxy: then it is the right-most X-Forwarded-For address
that no trusted proxy added (everything left of it was written by the client and proves nothing).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Sequence

from limits import RateLimitItem, parse_many
from limits.aio.storage import RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# A Redis outage must not stall every request on a connect timeout: limiting is skipped this long.
_STORAGE_DOWN_BACKOFF_S = 5.0
_REDIS_TIMEOUT_S = 0.5


def parse_trusted_proxies(entries: Sequence[str]) -> list[Network]:
    """Addresses or CIDR blocks (``10.0.0.0/8``) of the proxies allowed to name the client."""
    try:
        return [ipaddress.ip_network(entry.strip(), strict=False) for entry in entries]
    except ValueError as error:
        raise ValueError(f"ASSISTANT_TRUSTED_PROXIES: {error}") from error


def _is_trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in trusted)


def client_address(peer: str, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The address a request is counted against (see the module docstring)."""
    if not trusted or not forwarded_for or not _is_trusted(peer, trusted):
        return peer
    for hop in reversed([part.strip() for part in forwarded_for.split(",")]):
        if hop and not _is_trusted(hop, trusted):
            return hop
    return peer  # every hop is one of our proxies: the request started inside


class LocalMovingWindow:
    """The moving window of one process: each key's hit times, at most its limit's amount of them.

    Instead of `limits`' asyncio MemoryStorage, which starts a task and a thread-pool call on every
    hit to expire old entries (a thread wake-up and a copy of the key's list on every API request).
    Here a hit drops its own key's expired times, and keys idle for a whole window go once a window.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._longest_s = 0.0  # the longest window hit so far
        self._next_sweep = 0.0

    def hit(self, key: str, amount: int, period_s: float) -> float | None:
        """Count a hit: None if it fits in the window, else the seconds until it would (not counted)."""
        now = self._clock()
        self._longest_s = max(self._longest_s, period_s)
        if now >= self._next_sweep:
            self._sweep(now)
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
        while hits and hits[0] <= now - period_s:
            hits.popleft()
        if len(hits) >= amount:
            return hits[0] + period_s - now if hits else period_s
        hits.append(now)
        return None

    def __len__(self) -> int:
        """Keys held (each with at most its limit's amount of hit times)."""
        return len(self._hits)

    def _sweep(self, now: float) -> None:
        # Keys of several limits share the dict: one idle for the longest window has no hit left in it.
        for key in [key for key, hits in self._hits.items() if not hits or hits[-1] <= now - self._longest_s]:
            del self._hits[key]
        self._next_sweep = now + self._longest_s


def open_storage(url: str) -> Storage | LocalMovingWindow:
    """Counters from a settings URL: ``memory://`` (one process) or ``redis://host:port/db`` (shared)."""
    scheme = url.split("://", 1)[0]
    if scheme == "memory":
        return LocalMovingWindow()
    if scheme in ("redis", "rediss"):
        # redis-py's asyncio client (a dependency already); short timeouts so an outage fails fast.
        return RedisStorage(f"async+{url}", implementation="redispy", wrap_exceptions=True,
                            socket_timeout=_REDIS_TIMEOUT_S, socket_connect_timeout=_REDIS_TIMEOUT_S)
    raise ValueError(f"ASSISTANT_RATE_LIMIT_STORAGE must be memory:// or redis://…, not {url!r}")


class RateLimitMiddleware:
    """Pure ASGI: answers 429 with the real wait in Retry-After once a client exceeds the limit."""

    def __init__(self, app: ASGIApp, limit: str, storage_url: str = "memory://",
                 trusted_proxies: Sequence[str] = ()):
        self.app = app
        self.limits: list[RateLimitItem] = parse_many(limit)
        storage = open_storage(storage_url)
        self.local = storage if isinstance(storage, LocalMovingWindow) else None
        self.limiter = None if isinstance(storage, LocalMovingWindow) else MovingWindowRateLimiter(storage)
        self.trusted = parse_trusted_proxies(trusted_proxies)
        self._storage_down_until = 0.0

    # Only the API is limited: liveness probes and the static page are not what the limit protects.
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        peer = (scope.get("client") or ("unknown", 0))[0]
        forwarded = dict(scope.get("headers") or []).get(b"x-forwarded-for")
        key = client_address(peer, forwarded.decode("latin-1") if forwarded else None, self.trusted)
        wait = await self._wait_for(key)
        if wait is None:
            await self.app(scope, receive, send)
            return
        await _too_many_requests(send, wait)

    async def _wait_for(self, key: str) -> float | None:
        """None if the request may pass, else the seconds until the window lets one more in."""
        if self.local is not None:
            for limit in self.limits:
                wait = self.local.hit(limit.key_for(key), limit.amount, limit.get_expiry())
                if wait is not None:
                    return max(0.0, wait)
            return None
        assert self.limiter is not None
        if time.monotonic() < self._storage_down_until:
            return None
        try:
            for limit in self.limits:
                if not await self.limiter.hit(limit, key):
                    stats = await self.limiter.get_window_stats(limit, key)
                    return max(0.0, stats.reset_time - time.time())
        except StorageError as error:
            # Fail open: an unreachable counter store must not take the API down with it.
            log.warning("rate-limit storage unreachable (%s); not limiting for %.0f s",
                        error.storage_error, _STORAGE_DOWN_BACKOFF_S)
            self._storage_down_until = time.monotonic() + _STORAGE_DOWN_BACKOFF_S
        return None


async def _too_many_requests(send: Send, wait: float) -> None:
    # Retry-After takes whole seconds; rounding up keeps a client that obeys it from a second 429.
    retry_after = max(1, math.ceil(wait))
    body = json.dumps({"error": {"code": "rate_limited",
                                 "message": f"too many requests; retry in {wait:.1f} s"}}).encode()
    await send({"type": "http.response.start", "status": 429, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(retry_after).encode())]})
    await send({"type": "http.response.body", "body": body})
