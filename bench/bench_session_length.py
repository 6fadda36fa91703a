"""Does a chat turn cost more in a long session? Times a fresh session's turns against an 800-turn one's.

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
SAMPLES = 40
SHORT_START = 20  # stored turns in the short session before timing: past the first, different, replies
MESSAGES = ["平台服务企业120家", "安全服务收入520万元"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=800, help="stored turns in the long session before timing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["ASSISTANT_DATA_DIR"] = data_dir
        os.environ["ASSISTANT_RATE_LIMIT"] = "1000000/second"
        os.environ["ASSISTANT_MAX_SESSION_TURNS"] = str(args.turns + 2 * SAMPLES + 2)
        services = build_services()
        with TestClient(create_app(services=services)) as client:
            def say(session_id: str | None, index: int) -> tuple[str, float]:
                body = {"message": MESSAGES[index % 2]} | ({"session_id": session_id} if session_id else {})
                started = time.perf_counter()
                response = client.post("/v1/chat", json=body)
                elapsed = (time.perf_counter() - started) * 1000
                response.raise_for_status()
                return response.json()["session_id"], elapsed

            long_id, _ = say(None, 0)
            for index in range(args.turns // 2 - 1):
                say(long_id, index + 1)
            short_id, _ = say(None, 0)
            for index in range(SHORT_START // 2 - 1):
                say(short_id, index + 1)
            # Paired samples, so the machine's load (shared cores) weighs on both sides alike: the same
            # message to a short session and to the long one, whose facts are by now the same.
            short_ms, long_ms = [], []
            for index in range(SAMPLES):
                short_ms.append(say(short_id, index)[1])
                long_ms.append(say(long_id, index)[1])
        stored = services.sessions.get(long_id, with_turns=False).turn_count
    short, long = statistics.median(short_ms), statistics.median(long_ms)
    print(f"{machine()}; {SAMPLES} paired samples")
    print(f"turns {SHORT_START + 1}–{SHORT_START + 2 * SAMPLES} of a short session: median {short:.1f} ms; "
          f"turns {args.turns + 1}–{stored} of a long one: "
          f"median {long:.1f} ms; ratio {long / short:.2f} (bar ≤ {BAR_RATIO})")
    return 0 if long <= BAR_RATIO * short else 1


if __name__ == "__main__":
    sys.exit(main())
