"""Does a chat turn cost more in a long session? Times turns 1–20 and the last 20 of one 800-turn session.

Run: .venv/bin/python bench/bench_session_length.py [--turns N]
Bar (issue 14): the median of the last turns ≤ 1.5 × the median of the first turns. Each message states
a fact and asks nothing, so every turn does the same work; only the session's length differs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from fastapi.testclient import TestClient  # noqa: E402

from assistant.api import create_app  # noqa: E402
from assistant.services import build_services  # noqa: E402
from bench.common import machine  # noqa: E402

BAR_RATIO = 1.5
WINDOW = 20
MESSAGES = ["平台服务企业120家", "安全服务收入520万元"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=400, help="exchanges (each is two stored turns)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["ASSISTANT_DATA_DIR"] = data_dir
        os.environ["ASSISTANT_RATE_LIMIT"] = "1000000/second"
        os.environ["ASSISTANT_MAX_SESSION_TURNS"] = str(2 * args.turns + 2)
        services = build_services()
        with TestClient(create_app(services=services)) as client:
            warm = client.post("/v1/chat", json={"message": "你好"}).json()["session_id"]
            for index in range(WINDOW):  # warm caches (query vectors, jieba) on another session
                client.post("/v1/chat", json={"session_id": warm, "message": MESSAGES[index % 2]})
            session_id = client.post("/v1/chat", json={"message": "你好"}).json()["session_id"]
            timings = []
            for index in range(args.turns):
                started = time.perf_counter()
                response = client.post("/v1/chat", json={"session_id": session_id, "message": MESSAGES[index % 2]})
                timings.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
        stored = services.sessions.get(session_id, with_turns=False).turn_count
    first, last = statistics.median(timings[:WINDOW]), statistics.median(timings[-WINDOW:])
    print(f"{machine()}; one session, {stored} stored turns")
    print(f"exchange 1–{WINDOW}: median {first:.1f} ms; exchanges {args.turns - WINDOW + 1}–{args.turns}: "
          f"median {last:.1f} ms; ratio {last / first:.2f} (bar ≤ {BAR_RATIO})")
    return 0 if last <= BAR_RATIO * first else 1


if __name__ == "__main__":
    sys.exit(main())
