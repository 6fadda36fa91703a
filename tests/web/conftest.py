"""Browser-test fixtures: the real server in a subprocess, Debian's headless Chromium, one page per test."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep Chromium from phoning home or needing a sandbox inside containers.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
STARTUP_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve_command(port: int) -> list[str]:
    script = Path(sys.executable).parent / "assistant"
    if script.exists():
        return [str(script), "serve", "--host", "127.0.0.1", "--port", str(port)]
    return [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if _healthy(url):
            return
        time.sleep(0.5)
    log_tail = log_path.read_text(errors="replace")[-3000:]
    raise RuntimeError(
        f"server at {url} not healthy within {STARTUP_SECONDS}s; its log ends with:\n{log_tail}"
    )


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; the browser tests skip cleanly where it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    return CHROMIUM


@contextmanager
def running_server(data_dir: Path, **env: str) -> Iterator[str]:
    """`assistant serve` on a free port with its own data directory (and extra settings), stopped after."""
    log_path = data_dir / "server.log"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    full_env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(data_dir),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        # The page loads several files per test; the production limit is not what these tests check.
        "ASSISTANT_RATE_LIMIT": "10000/minute",
        **env,
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            _serve_command(port), cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_healthy(url, process, log_path)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[str]:
    """The app as `make run` serves it, on a free port with its own data directory."""
    with running_server(tmp_path_factory.mktemp("web-data")) as url:
        yield url


def _status(url: str, method: str = "GET", body: Any = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


@dataclass
class Capabilities:
    """Which parts of the API contract the server under test answers (some land in main later)."""

    url: str
    _known: dict[str, bool] = field(default_factory=dict)

    def _probe(self, name: str) -> bool:
        if name == "facts_schema":
            return _status(f"{self.url}/v1/facts/schema")[0] == 200
        if name == "regulations":
            return _status(f"{self.url}/v1/regulations")[0] == 200
        if name == "session_history":
            status, chat = _status(f"{self.url}/v1/chat", "POST", {"message": "你好"})
            return status == 200 and _status(f"{self.url}/v1/sessions/{chat['session_id']}")[0] == 200
        if name == "next_question":
            return "next_question" in (_status(f"{self.url}/v1/chat", "POST", {"message": "你好"})[1] or {})
        if name == "max_amount_text":
            results = (_status(f"{self.url}/v1/precheck", "POST", {"facts": {}})[1] or {}).get("results") or [{}]
            return "max_amount_text" in results[0]
        raise ValueError(name)

    def need(self, name: str, endpoint: str) -> None:
        """Skip the test, naming the missing piece, while the server does not answer it yet."""
        if name not in self._known:
            self._known[name] = self._probe(name)
        if not self._known[name]:
            pytest.skip(f"needs {endpoint} from main")


@pytest.fixture(scope="session")
def capabilities(server_url: str) -> Capabilities:
    return Capabilities(server_url)


@pytest.fixture(scope="session")
def chromium(chromium_path: Path) -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A page of the app in a fresh browser context, and the script errors it raised."""

    page: Any
    url: str
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = "/") -> Any:
        self.page.goto(self.url + path)
        self.page.wait_for_selector("body.ready")
        return self.page

    def answered(self) -> int:
        return int(self.page.locator("#messages .message.assistant.answered").count())

    def send(self, message: str) -> None:
        """Type a message, press Enter, wait until its streamed answer is complete."""
        before = self.answered()
        self.page.fill("#message-input", message)
        self.page.press("#message-input", "Enter")
        self.wait_answers(before + 1)

    def wait_answers(self, count: int) -> None:
        self.page.wait_for_function(
            "n => document.querySelectorAll('#messages .message.assistant.answered').length >= n", arg=count
        )

    def screenshot(self, name: str, **options: Any) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), **options)
        return path


def _is_error(message: Any) -> bool:
    """A console error, except the browser's own note of a 404 for a session the server has forgotten."""
    if message.type != "error":
        return False
    url = (message.location or {}).get("url", "")
    return not ("/v1/sessions/" in url and "404" in message.text)


def visit_page(chromium: Any, server_url: str, viewport: dict[str, int]) -> Iterator[Visit]:
    """A fresh browser context on the app at server_url; closed after the test."""
    context = chromium.new_context(viewport=viewport, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    visit = Visit(page=page, url=server_url)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("console", lambda message: visit.errors.append(message.text) if _is_error(message) else None)
    yield visit
    context.close()


@pytest.fixture
def desktop(chromium: Any, server_url: str) -> Iterator[Visit]:
    """A 1366×900 window."""
    yield from visit_page(chromium, server_url, {"width": 1366, "height": 900})


@pytest.fixture
def phone(chromium: Any, server_url: str) -> Iterator[Visit]:
    """A 390×844 phone-sized window."""
    yield from visit_page(chromium, server_url, {"width": 390, "height": 844})
