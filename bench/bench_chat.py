"""Time /v1/chat turns: a fresh session per dialogue of 3–4 messages; prints median and p95 per turn.

Run: .venv/bin/python bench/bench_chat.py [--rounds N]
Bar: median ≤ 50 ms per turn (2-core machine). Sessions live in a temporary data directory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from fastapi.testclient import TestClient  # noqa: E402

from assistant.api import create_app  # noqa: E402
from assistant.services import build_services  # noqa: E402
from bench.common import machine, percentile, query_cache_clearer  # noqa: E402

BAR_MS = 50.0
DIALOGUES: dict[str, list[str]] = {
    "security service provider": [
        "我们是武汉注册的独立法人，做工控安全服务的",
        "前两年安全服务收入420万元",
        "没有重大事故，也没有严重失信",
        "要交哪些材料？",
    ],
    "dual-cross platform": [
        "我们公司在武汉注册，是独立法人",
        "今年首次获评国家双跨平台",
        "能拿多少钱？",
    ],
    "industry platform": [
        "我们是武汉的一家平台企业，独立法人",
        "平台服务了120家企业，连接设备8000台",
        "近两年没有发生重大安全事故，无严重失信行为",
        "平台补助最多多少？",
    ],
    "branch office asking questions": [
        "我们是分公司，注册在武汉",
        "标识解析二级节点有什么要求？",
        "第三方安全服务机构最多能拿多少钱？",
    ],
}
Turn = Callable[[str | None, str], str]  # (session_id, message) -> session_id


def run_dialogues(turn: Turn, rounds: int, before_each: Callable[[], None] | None) -> list[float]:
    """Every dialogue in a fresh session, ``rounds`` times after one warm-up pass; ms per turn."""
    timings: list[float] = []
    for round_number in range(rounds + 1):
        for messages in DIALOGUES.values():
            session_id: str | None = None
            for message in messages:
                if before_each:
                    before_each()
                start = time.perf_counter_ns()
                session_id = turn(session_id, message)
                elapsed = (time.perf_counter_ns() - start) / 1e6
                if round_number:  # round 0 is the warm-up
                    timings.append(elapsed)
    return timings


def report(label: str, timings: list[float]) -> float:
    median = statistics.median(timings)
    print(f"{label:58} turns {len(timings):4}  median {median:7.2f} ms  p95 {percentile(timings, 0.95):7.2f} ms  "
          f"max {max(timings):7.2f} ms")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"{len(DIALOGUES)} dialogues, {sum(map(len, DIALOGUES.values()))} turns per round, {args.rounds} rounds")
    with tempfile.TemporaryDirectory(prefix="bench-chat-") as data_dir:
        os.environ.update(ASSISTANT_DATA_DIR=data_dir, ASSISTANT_RATE_LIMIT="1000000/minute")
        services = build_services()  # Settings from the environment just set
        clear = query_cache_clearer(services)

        def in_process(session_id: str | None, message: str) -> str:
            return services.dialogue.turn(session_id, message)["session_id"]

        new = report("in process: services.dialogue.turn, uncached", run_dialogues(in_process, args.rounds, clear))
        report("in process: services.dialogue.turn, query vectors cached", run_dialogues(in_process, args.rounds, None))
        with TestClient(create_app(services=services)) as client:
            def over_http(session_id: str | None, message: str) -> str:
                body = {"message": message} if session_id is None else {"session_id": session_id, "message": message}
                response = client.post("/v1/chat", json=body)
                response.raise_for_status()
                return response.json()["session_id"]

            http = report("HTTP (TestClient) POST /v1/chat, uncached", run_dialogues(over_http, args.rounds, clear))
            report("HTTP (TestClient) POST /v1/chat, query vectors cached", run_dialogues(over_http, args.rounds, None))
        services.close()
    print(f"HTTP / in-process median ratio (uncached): {http / new:.2f}")
    verdict = "PASS" if max(new, http) <= BAR_MS else "FAIL"
    print(f"bar: median ≤ {BAR_MS:.0f} ms per turn (uncached, in process and over HTTP) — {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
