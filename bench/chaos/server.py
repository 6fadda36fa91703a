"""Start and stop the real server (`.venv/bin/assistant serve`, or uvicorn with workers) on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = REPO / ".venv" / "bin"
PORTS = range(18100, 18200)  # the only ports the suite may use
START_TIMEOUT_S = 300.0
_next_port = iter(PORTS)


def next_port() -> int:
    """A free port from the suite's range."""
    import socket

    for port in _next_port:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port left in 18100-18199")


class Server:
    """One server process (and its workers) with its own data dir and log file."""

    def __init__(self, data_dir: Path, log_dir: Path, name: str, workers: int = 0):
        self.data_dir = data_dir
        self.name = name
        self.workers = workers
        self.port = next_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, wait: bool = True) -> Server:
        env = {**os.environ, "ASSISTANT_DATA_DIR": str(self.data_dir), "HF_HUB_OFFLINE": "1",
               "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
               # The limiter is not under test here; every probe comes from one loopback client.
               "ASSISTANT_RATE_LIMIT": "1000000/second"}
        if self.workers:
            command = [str(VENV_BIN / "uvicorn"), "--factory", "assistant.api:create_app", "--host", "127.0.0.1",
                       "--port", str(self.port), "--workers", str(self.workers), "--log-level", "warning"]
        else:
            command = [str(VENV_BIN / "assistant"), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child, closed with it
        self.process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        if wait:
            self.wait_healthy()
        return self

    def wait_healthy(self, timeout_s: float = START_TIMEOUT_S) -> float:
        """Seconds until /healthz answered 200; RuntimeError if the process died or never answered."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout_s:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return time.perf_counter() - started
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} not healthy within {timeout_s:.0f} s; see {self.log_path}")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill9(self) -> None:
        """SIGKILL the whole process group: no shutdown hook runs."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill9()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def copy_index(source_data_dir: Path, target_data_dir: Path) -> None:
    """Give a new data dir the already-built index, so a server starts without re-embedding."""
    target_data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source_data_dir / "chroma", target_data_dir / "chroma", dirs_exist_ok=True)
