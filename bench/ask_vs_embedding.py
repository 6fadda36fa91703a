"""The cost of one answer against one query embedding, measured in turn in one run: in process, then
over HTTP against a real `assistant serve`.

Run: .venv/bin/python bench/ask_vs_embedding.py [--questions 100] [--rounds 300] [--port N]
In process: for each dev question (made new with a suffix, the query-vector cache emptied before each
call), one ``Answerer.ask`` and one ``embed_query`` alone; prints both medians, their ratio and how many
times the model ran per answer (1: the answering heads reuse retrieval's vector).
Over HTTP (bench/round_trip.py): `assistant serve` on a fresh data directory, and a bare ASGI app under
the same uvicorn as the floor; /v1/ask with new questions, /healthz and the floor, each after its own
embedding in this process, with http.client and with httpx; the client's own CPU per request.
Bar (issue 16): /v1/ask median ≤ 1.5 × one query embedding, in process and over HTTP.
``--port N`` serves on N and N+1 (default: free ports).
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

from assistant.services import build_services  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from bench import round_trip  # noqa: E402
from bench.common import dev_questions, free_port, machine, stop_server  # noqa: E402
from bench.serve_profile import SERVER_ENV, start  # noqa: E402

BAR = 1.5


def in_process(questions: list[str], services) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Medians (ms) of one answer and one embedding, in turn, and the model runs per answer."""
    answerer = services.answerer
    embedder = services.search.vector_index._embedder
    runs = {"model": 0}
    encode = embedder._encoder.encode

    def counted(texts):  # type: ignore[no-untyped-def]
        runs["model"] += 1
        return encode(texts)

    embedder._encoder.encode = counted  # type: ignore[method-assign]
    asked = [question + "？请问" for question in questions]
    ask_s, embed_s = [], []
    for question in asked:
        embedder._cached_query.cache_clear()
        started = time.perf_counter()
        answerer.ask(question)
        ask_s.append(time.perf_counter() - started)
        embedder._cached_query.cache_clear()
        started = time.perf_counter()
        embedder.embed_query(question)
        embed_s.append(time.perf_counter() - started)
    embedder._encoder.encode = encode  # type: ignore[method-assign]
    return statistics.median(ask_s) * 1000, statistics.median(embed_s) * 1000, runs["model"] / len(asked) - 1


def over_http(questions: list[str], embedder, port: int, rounds: int) -> round_trip.RoundTrips:  # type: ignore[no-untyped-def]
    """bench/round_trip.py against `assistant serve` on a fresh data directory (ports: port and port+1)."""
    server_port = port or free_port()
    floor_port = port + 1 if port else free_port()
    with tempfile.TemporaryDirectory(prefix="ask-vs-embedding-serve-") as data_dir:
        server, url, _, _ = start(Path(data_dir), SERVER_ENV, port=server_port)
        try:
            with round_trip.floor_server(floor_port) as floor_url:
                return round_trip.measure(url, floor_url, questions, embedder.embed_query, rounds=rounds)
        finally:
            stop_server(server)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=100, help="in process: dev questions asked")
    parser.add_argument("--rounds", type=int, default=300, help="over HTTP: rounds (after 30 of warm-up)")
    parser.add_argument("--port", type=int, default=0, help="serve on this port and the next (default: free ports)")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"machine: {machine()}; load average before {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    questions = dev_questions()
    with tempfile.TemporaryDirectory(prefix="ask-vs-embedding-") as in_process_dir:
        services = build_services(Settings(data_dir=Path(in_process_dir)))
        try:
            embedder = services.search.vector_index._embedder
            ask_ms, embed_ms, model_runs = in_process(questions[: args.questions], services)
            in_process_ratio = ask_ms / embed_ms
            print(f"in process, {min(args.questions, len(questions))} new questions, backend {embedder.backend}: "
                  f"ask median {ask_ms:.2f} ms, one embedding median {embed_ms:.2f} ms, ratio {in_process_ratio:.2f} "
                  f"(bar {BAR}); model runs per answer {model_runs:.2f}")
            trips = over_http(questions, embedder, args.port, args.rounds)
        finally:
            services.close()
    print(trips.report(embedder.backend))
    load = os.getloadavg()
    print(f"load average after {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    verdicts = [("/v1/ask / one embedding, in process", in_process_ratio <= BAR),
                ("/v1/ask / one embedding, over HTTP", trips.ratio <= BAR)]
    for name, passed in verdicts:
        print(f"bar: {name} — {'PASS' if passed else 'FAIL'}")
    return 0 if all(passed for _, passed in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
