"""The rate limit: whom it counts, the wait it announces, and counters shared through a real Redis."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.api.rate_limit import LocalMovingWindow, client_address, parse_trusted_proxies
from assistant.settings import Settings
from eval.runner import HttpBackend

# Ports this project's helpers may use on loopback (the machine is shared with other sessions).
_PORT_RANGE = range(18260, 18290)
TRUSTED = parse_trusted_proxies(["127.0.0.1", "10.0.0.0/8"])


def _free_port_in_range() -> int:
    for port in _PORT_RANGE:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip(f"no free port in {_PORT_RANGE.start}-{_PORT_RANGE.stop - 1}")


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """A throwaway redis-server on loopback, without persistence; skipped when Redis is not installed."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = _free_port_in_range()
    workdir = Path(tempfile.mkdtemp(prefix="ratelimit-redis-"))
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def _worker(services, limit: str, storage: str = "memory://", peer: str = "127.0.0.1",
            trusted: list[str] | None = None) -> TestClient:
    """One app instance with its own limiter, as a separate worker process would have."""
    settings = Settings(data_dir=services.settings.data_dir, rate_limit=limit, rate_limit_storage=storage,
                        trusted_proxies=trusted or [])
    return TestClient(create_app(settings=settings, services=services), client=(peer, 40000))


# --- whom a request is counted against ------------------------------------------------------------


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        ("192.0.2.9", "198.51.100.1", "192.0.2.9"),  # an untrusted peer cannot name another client
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # left of the real client: forged
        ("127.0.0.1", "198.51.100.1, 10.1.2.3", "198.51.100.1"),  # a second trusted hop is skipped
        ("127.0.0.1", "10.1.2.3, 10.9.9.9", "127.0.0.1"),  # all hops ours: the request began inside
        ("127.0.0.1", "198.51.100.1, not-an-address", "not-an-address"),  # garbage is a key, never trusted
        ("testclient", "198.51.100.1", "testclient"),
    ],
    ids=["untrusted peer", "no header", "one hop", "forged prefix", "two proxies", "internal", "garbage", "no ip"],
)
def test_client_is_the_right_most_address_no_trusted_proxy_added(peer, forwarded_for, expected):
    assert client_address(peer, forwarded_for, TRUSTED) == expected


def test_without_trusted_proxies_forwarded_for_is_ignored():
    assert client_address("127.0.0.1", "198.51.100.1", []) == "127.0.0.1"


def test_a_bad_trusted_proxy_entry_is_refused_by_name():
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        parse_trusted_proxies(["127.0.0.1", "nginx"])


def test_a_client_behind_a_trusted_proxy_has_its_own_budget(services):
    with _worker(services, "2/minute", trusted=["127.0.0.1"]) as worker:
        first = {"x-forwarded-for": "198.51.100.1"}
        assert [worker.get("/v1/clauses/a1", headers=first).status_code for _ in range(3)] == [200, 200, 429]
        assert worker.get("/v1/clauses/a1", headers={"x-forwarded-for": "198.51.100.2"}).status_code == 200


def test_an_untrusted_peer_cannot_escape_the_limit_by_forging_forwarded_for(services):
    with _worker(services, "2/minute", peer="192.0.2.9", trusted=["127.0.0.1"]) as worker:
        statuses = [worker.get("/v1/clauses/a1", headers={"x-forwarded-for": f"198.51.100.{n}"}).status_code
                    for n in range(4)]
        assert statuses == [200, 200, 429, 429]


# --- the announced wait -----------------------------------------------------------------------------


def test_retry_after_is_the_real_wait_and_obeying_it_succeeds(services):
    with _worker(services, "2/3second") as worker:
        assert [worker.get("/v1/clauses/a1").status_code for _ in range(2)] == [200, 200]
        limited = worker.get("/v1/clauses/a1")
        assert limited.status_code == 429
        assert limited.json()["error"]["code"] == "rate_limited"
        retry_after = int(limited.headers["retry-after"])
        assert retry_after == 3  # the window is 3 s and just started, not a fixed 60
        time.sleep(retry_after)
        assert worker.get("/v1/clauses/a1").status_code == 200


def test_retry_after_shrinks_as_the_window_moves(services):
    with _worker(services, "1/4second") as worker:
        assert worker.get("/v1/clauses/a1").status_code == 200
        time.sleep(2.2)
        limited = worker.get("/v1/clauses/a1")
        assert limited.status_code == 429
        assert limited.headers["retry-after"] == "2"  # 4 s window, 2.2 s gone: 1.8 s left, rounded up


def test_the_default_limit_is_never_hit_by_one_client_asking_one_thing_at_a_time(services):
    default = Settings().rate_limit
    with _worker(services, default) as worker:
        started = time.perf_counter()
        statuses = set()
        while time.perf_counter() - started < 1.5:  # past a whole one-second window
            statuses.add(worker.get("/v1/clauses/a1").status_code)
        assert statuses == {200}


def test_eval_over_http_waits_out_a_429_instead_of_scoring_it(services):
    with _worker(services, "2/2second") as worker:
        backend = HttpBackend("http://testserver", client=worker)
        started = time.perf_counter()
        answers = [backend.ask("安全服务机构收入500万能补多少？")[0] for _ in range(4)]
        assert all(answer["status"] == "answered" for answer in answers)
        assert time.perf_counter() - started >= 1.5  # it really waited for the window


# --- counters shared between workers --------------------------------------------------------------


def test_workers_sharing_redis_hold_one_limit_between_them(services, redis_url):
    with _worker(services, "5/minute", redis_url) as one, _worker(services, "5/minute", redis_url) as two:
        statuses = [(one if n % 2 else two).get("/v1/clauses/a1").status_code for n in range(10)]
        assert statuses.count(200) == 5
        limited = two.get("/v1/clauses/a1")
        assert limited.status_code == 429
        assert 55 <= int(limited.headers["retry-after"]) <= 60


def test_workers_with_memory_counters_each_allow_the_full_limit(services):
    # The contrast that makes the Redis test meaningful: per-process counters double the rate.
    with _worker(services, "5/minute") as one, _worker(services, "5/minute") as two:
        statuses = [(one if n % 2 else two).get("/v1/clauses/a1").status_code for n in range(10)]
        assert statuses.count(200) == 10


def test_an_unreachable_redis_lets_requests_through(services):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    with _worker(services, "1/minute", f"redis://127.0.0.1:{dead_port}/0") as worker:
        started = time.perf_counter()
        assert [worker.get("/v1/clauses/a1").status_code for _ in range(3)] == [200, 200, 200]
        assert time.perf_counter() - started < 3


@pytest.mark.slow
def test_the_served_app_does_not_take_forwarded_for_from_an_untrusted_loopback_peer(tmp_path):
    # uvicorn's own proxy-header handling trusts loopback; `assistant serve` turns it off so that only
    # ASSISTANT_TRUSTED_PROXIES decides (issue 14: any local client could pick its own key).
    port = _free_port_in_range()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path), "ASSISTANT_RATE_LIMIT": "2/minute"}
    env.pop("ASSISTANT_TRUSTED_PROXIES", None)
    server = subprocess.Popen([str(Path(sys.executable).parent / "assistant"), "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("assistant serve did not start")
        statuses = [httpx.get(f"{url}/v1/clauses/a1", headers={"x-forwarded-for": f"198.51.100.{n}"}).status_code
                    for n in range(3)]
        assert statuses == [200, 200, 429]
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- the in-process window --------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_local_window_admits_the_amount_then_names_the_wait_until_the_oldest_hit_leaves():
    clock = _Clock()
    window = LocalMovingWindow(clock)
    assert window.hit("k", 2, 10) is None
    clock.now += 4
    assert window.hit("k", 2, 10) is None
    clock.now += 1
    assert window.hit("k", 2, 10) == pytest.approx(5)  # the first hit (t=0) leaves at t=10; now t=5
    clock.now += 5
    assert window.hit("k", 2, 10) is None  # exactly one window after the first hit: it is gone


def test_a_refused_hit_is_not_counted():
    clock = _Clock()
    window = LocalMovingWindow(clock)
    assert window.hit("k", 1, 10) is None
    for _ in range(5):
        clock.now += 1
        assert window.hit("k", 1, 10) is not None
    clock.now += 5  # 10 s after the only counted hit
    assert window.hit("k", 1, 10) is None


def test_clients_idle_for_a_whole_window_are_forgotten():
    clock = _Clock()
    window = LocalMovingWindow(clock)
    for client in range(100):
        window.hit(f"c{client}", 5, 1)
    assert len(window) == 100
    clock.now += 2
    window.hit("another", 5, 1)
    assert len(window) == 1  # memory stays bounded by the clients of the last window


def test_keys_of_a_longer_limit_outlive_the_shorter_window():
    clock = _Clock()
    window = LocalMovingWindow(clock)
    window.hit("1/second/c", 1, 1)
    window.hit("600/minute/c", 600, 60)
    clock.now += 2
    window.hit("1/second/d", 1, 1)
    assert window.hit("600/minute/c", 1, 60) is not None  # the minute's hit is still remembered
