"""Browser-test fixtures: the real server in a subprocess, Debian's headless Chromium, one page per test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[str]:
    """`assistant serve` on a free port with its own data directory, stopped after the session."""
    data_dir = tmp_path_factory.mktemp("web-data")
    log_path = data_dir / "server.log"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(data_dir),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        # The page loads several files per test; the production limit is not what these tests check.
        "ASSISTANT_RATE_LIMIT": "10000/minute",
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            _serve_command(port), cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
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

    def screenshot(self, name: str, **options: Any) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), **options)
        return path


def _visit(chromium: Any, server_url: str, viewport: dict[str, int]) -> Iterator[Visit]:
    context = chromium.new_context(viewport=viewport, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    visit = Visit(page=page, url=server_url)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("console", lambda message: visit.errors.append(message.text) if message.type == "error" else None)
    yield visit
    context.close()


@pytest.fixture
def desktop(chromium: Any, server_url: str) -> Iterator[Visit]:
    """A 1366×900 window."""
    yield from _visit(chromium, server_url, {"width": 1366, "height": 900})


@pytest.fixture
def phone(chromium: Any, server_url: str) -> Iterator[Visit]:
    """A 390×844 phone-sized window."""
    yield from _visit(chromium, server_url, {"width": 390, "height": 844})
