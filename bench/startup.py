"""Cold start to first answer, warm start reusing the index, and the resident memory of a serving process.

Run: .venv/bin/python bench/startup.py [--runs N]
Bar: cold start (fresh data directory: model load + index build + first answer) ≤ 15 s.
Everything runs as subprocesses of `.venv/bin/assistant`, on 127.0.0.1 only, in temporary directories.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REPO, free_port, machine, stop_server  # noqa: E402

ASSISTANT = Path(sys.executable).parent / "assistant"
QUESTION = "双跨平台奖励多少钱？"
BAR_COLD_S = 15.0


def environment(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_RATE_LIMIT": "1000000/minute",
            "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def time_ask(data_dir: Path) -> float:
    """Seconds from process start to the answer printed and the process gone."""
    start = time.perf_counter()
    done = subprocess.run([str(ASSISTANT), "ask", QUESTION], env=environment(data_dir), cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or "500万元" not in done.stdout:
        raise SystemExit(f"assistant ask failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return elapsed


def time_import() -> float:
    """Seconds for the interpreter to start and import the CLI (the floor under every start)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import assistant.cli"], cwd=REPO, check=True, timeout=120)
    return time.perf_counter() - start


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (peak resident) from /proc, in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def serve_and_measure(data_dir: Path, requests: int) -> tuple[float, dict[str, int], dict[str, int]]:
    """Start `assistant serve`, wait for /healthz 200, send requests; seconds to ready and memory before/after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    server = subprocess.Popen([str(ASSISTANT), "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=environment(data_dir), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ready = None
        while ready is None and time.perf_counter() - start < 120:
            if server.poll() is not None:
                raise SystemExit(f"assistant serve exited with {server.returncode}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    ready = time.perf_counter() - start
            except httpx.TransportError:
                time.sleep(0.05)
        if ready is None:
            raise SystemExit("assistant serve did not become ready within 120 s")
        at_ready = memory_kib(server.pid)
        with httpx.Client(base_url=url, timeout=30) as client:
            for number in range(requests):
                client.post("/v1/ask", json={"question": f"{QUESTION}（{number}）"}).raise_for_status()
                client.post("/v1/chat", json={"message": "我们是武汉注册的独立法人，做工控安全服务的"}).raise_for_status()
                client.post("/v1/precheck", json={"facts": {}}).raise_for_status()
        after = memory_kib(server.pid)
        return ready, at_ready, after
    finally:
        stop_server(server)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="cold and warm starts each")
    parser.add_argument("--requests", type=int, default=30, help="rounds of ask+chat+precheck before the RSS reading")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    imports = [time_import() for _ in range(args.runs)]
    cold, warm = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="bench-startup-") as data_dir:
            cold.append(time_ask(Path(data_dir)))  # fresh directory: the index is built
            warm.append(time_ask(Path(data_dir)))  # same directory: the index is reused
    print(f"python + import assistant.cli          median {statistics.median(imports):6.2f} s  runs {imports_str(imports)}")
    print(f"cold: `assistant ask` on a fresh dir   median {statistics.median(cold):6.2f} s  runs {imports_str(cold)}")
    print(f"warm: `assistant ask` reusing the index median {statistics.median(warm):6.2f} s  runs {imports_str(warm)}")
    print(f"cold / warm ratio: {statistics.median(cold) / statistics.median(warm):.2f}")
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as data_dir:
        ready, at_ready, after = serve_and_measure(Path(data_dir), args.requests)
    print(f"`assistant serve` (fresh dir) to /healthz 200: {ready:.2f} s")
    print(f"resident memory at ready: VmRSS {at_ready['VmRSS'] / 1024:.0f} MiB; after {args.requests * 3} requests: "
          f"VmRSS {after['VmRSS'] / 1024:.0f} MiB, peak VmHWM {after['VmHWM'] / 1024:.0f} MiB")
    verdict = "PASS" if statistics.median(cold) <= BAR_COLD_S else "FAIL"
    print(f"bar: cold start to first answer ≤ {BAR_COLD_S:.0f} s — {verdict}")
    return 0 if verdict == "PASS" else 1


def imports_str(values: list[float]) -> str:
    return " ".join(f"{value:.2f}" for value in values)


if __name__ == "__main__":
    sys.exit(main())
