"""Profile of the real server: memory at ready / under load / idle, throughput and latency, start times.

Run: .venv/bin/python bench/serve_profile.py [--phase-seconds 10] [--load-seconds 60] [--idle-seconds 60] [--port N]
                                             [--client lean|httpx] [--numbered]

Starts `.venv/bin/assistant serve` on a free 127.0.0.1 port or N (temporary data directory, high rate limit)
and reports, in one run (the machine is shared: compare the ratios, not single figures across runs):
- time to /healthz 200 and to the first /v1/ask answer, from a cold start (empty data directory: the
  index is built) and a warm one (index reused);
- VmRSS at ready, after a 32-client mixed load (ask new + ask repeated + chat + precheck), after an idle
  pause, and after a second identical load (growth between the two loads is the "no growth" figure);
- requests/s and p50/p95/p99 of /v1/ask for new questions (texts never asked before in the run, so the
  query-vector cache cannot help: every question of the pinned labelled files, NEW_QUESTION_FILES, with
  each preface, see NewQuestions)
  and repeated ones, at 1, 8 and 32 clients, from bench/lean_load.py (a wrk-like client whose own CPU per
  request is reported beside: client and server share the 2 cores);
- the server's CPU time per request in each phase (user + system, from /proc): unlike requests/s it
  hardly depends on what else the machine runs, and 2 cores / (CPU per request) bounds the throughput;
- the /v1/ask median at 1 client against the median of one query embedding (same backend, this process),
  beside /healthz and a bare ASGI app on port N+1 as floors, and the client's own CPU (bench/round_trip.py).
Bars (issue 16): RSS ≤ 600 MB at ready, ≤ 700 MB after load, no growth; ≥ 150 new questions/s at 32
clients; /v1/ask median ≤ 1.5 × one embedding; first answer ≤ 5 s with an existing index.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import round_trip  # noqa: E402
from bench.common import REPO, dev_questions, free_port, machine, percentile, stop_server  # noqa: E402
from bench.lean_load import Request, Tally, run_lean_load  # noqa: E402

ASSISTANT = Path(sys.executable).parent / "assistant"
MB = 1_000_000
BARS = {"rss_ready_mb": 600, "rss_load_mb": 700, "growth_mb": 25, "new_rps_32": 150, "ask_over_embedding": 1.5,
        "warm_first_answer_s": 5.0}
START_CPU_S: list[float] = []  # CPU seconds each started server had used by its first answer
PREFIXES = ["", "请问", "想咨询一下，", "您好，", "麻烦问下", "我们公司想知道"]
# The server reads a question without a preface it knows ("想咨询一下，"): such a variant is the same
# question to the query-vector cache, so new questions take only the prefaces it keeps.
NEW_PREFIXES = ["", "请问", "您好，", "麻烦问下", "我们公司想知道"]
CHAT_MESSAGES = ["我们是武汉注册的独立法人，做工控安全服务的", "近两年安全服务收入500万", "双跨平台奖励多少钱？"]
# A limit no bench client reaches: the limiter still counts every request, as in production.
SERVER_ENV = {**os.environ, "ASSISTANT_RATE_LIMIT": "100000000/minute", "HF_HUB_OFFLINE": "1",
              "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
PRECHECK_FACTS = {"applicant": {"registered_in_wuhan": True, "legal_form": "independent_legal_person"},
                  "security_service": {"industrial_security_services": True,
                                       "industrial_security_revenue_2y_yuan": 4_200_000}}


class NewQuestions:
    """Endless questions, each text never produced before in this run.

    Every question of the pinned labelled files as people wrote it, each with each preface in turn; only once
    all those are used does a number make a text new. The earlier generator (NumberedQuestions) put a
    number nobody types on every question; the two have nearly the same tokens on average (printed at
    the start of a run), and the embedding's cost grows with the tokens.
    """

    def __init__(self, questions: list[str], seen: AbstractSet[str] = frozenset()):
        # A text the server embeds itself before the run (its heads' training questions, the warm-up's)
        # sits in its query-vector cache: not new.
        self._texts = [text for prefix in NEW_PREFIXES for question in questions
                       if (text := f"{prefix}{question}") not in seen]
        self._counter = itertools.count()

    def __next__(self) -> str:
        number = next(self._counter)
        text = self._texts[number % len(self._texts)]
        return text if number < len(self._texts) else f"{text}（编号{number}）"

    def __iter__(self) -> Iterator[str]:
        return self


class NumberedQuestions:
    """The earlier generator (--numbered): a dev question, a preface and a number, every time."""

    def __init__(self, questions: list[str]):
        self._questions = questions
        self._counter = itertools.count()

    def __next__(self) -> str:
        number = next(self._counter)
        question = self._questions[number % len(self._questions)]
        return f"{PREFIXES[number % len(PREFIXES)]}{question}（编号{number}）"

    def __iter__(self) -> Iterator[str]:
        return self


def mean_tokens(questions: Iterator[str], count: int = 3000) -> float:
    """Mean model tokens of the next ``count`` texts of a fresh copy of the generator (the run's own is untouched)."""
    from tokenizers import Tokenizer

    from assistant.retrieval.embeddings import default_model_cache_dir
    from assistant.retrieval.onnx_encoder import export_dir
    from assistant.settings import Settings

    settings = Settings()
    folder = export_dir(settings.embedding_model, settings.model_cache_dir or default_model_cache_dir())
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    sample = list(itertools.islice(copy.deepcopy(questions), count))
    return statistics.mean(len(encoding.ids) for encoding in tokenizer.encode_batch(sample))


def seen_questions(questions: list[str]) -> set[str]:
    """The texts a server has embedded by the time the bench's phases start: the questions its answering
    heads are fitted on (corpus/*/questions) and the bench's own warm-up questions."""
    import yaml

    seen = set(questions)
    for path in (REPO / "corpus").glob("*/questions/*.yaml"):
        seen.update(entry["question"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"])
    return seen


# The labelled files the new-question workload is drawn from, pinned to those of stop 17's measurement
# (149.1/s): every later fresh batch is longer (31.9 tokens a question with qa_fresh13 against 20.4 for the
# dev questions) and the embedding's cost grows with the tokens, so a glob would move the bar with the data.
NEW_QUESTION_FILES = ("qa_dev.yaml", "qa_english.yaml", "qa_fresh.yaml", "qa_fresh2.yaml", "qa_fresh3.yaml",
                      "qa_fresh4.yaml", "qa_fresh5.yaml", "qa_fresh6.yaml", "qa_fresh7.yaml", "qa_heldout.yaml",
                      "qa_probe.yaml")


def labelled_questions() -> list[str]:
    """Every distinct question of the pinned labelled files (NEW_QUESTION_FILES), in file order."""
    import yaml

    seen: dict[str, None] = {}
    for path in (REPO / "eval/data" / name for name in NEW_QUESTION_FILES):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            seen.setdefault(entry["question"], None)
    return list(seen)


def summary(tally: Tally) -> str:
    if not tally.latencies_ms:
        return f"no successful request; errors {tally.errors}"
    values = tally.latencies_ms
    return (f"{tally.rate:7.1f} req/s  p50 {percentile(values, 0.5):7.1f}  p95 {percentile(values, 0.95):7.1f}  p99 "
            f"{percentile(values, 0.99):7.1f} ms  errors {sum(tally.errors.values())}"
            + (f" {dict(sorted(tally.errors.items()))}" if tally.errors else "")
            + f"  client CPU {tally.client_cpu_ms_per_request:4.2f} ms/request")


def ask_request(questions: Iterator[str]) -> Request:
    return lambda: ("POST", "/v1/ask", {"question": next(questions)})


def mixed_request(new: Iterator[str], repeated: Iterator[str]) -> Request:
    """Half new questions, a quarter repeated ones, the rest chat turns and pre-checks."""
    chooser = random.Random(16)

    def make() -> tuple[str, str, dict]:
        draw = chooser.random()
        if draw < 0.5:
            return "POST", "/v1/ask", {"question": next(new)}
        if draw < 0.75:
            return "POST", "/v1/ask", {"question": next(repeated)}
        if draw < 0.9:
            return "POST", "/v1/chat", {"message": chooser.choice(CHAT_MESSAGES)}
        return "POST", "/v1/precheck", {"facts": PRECHECK_FACTS}

    return make


async def _httpx_client(client: httpx.AsyncClient, make: Request, stop_at: float, tally: Tally) -> None:
    while time.monotonic() < stop_at:
        method, path, body = make()
        started = time.perf_counter()
        try:
            response = await client.request(method, path, json=body)
        except httpx.HTTPError as error:
            tally.count(type(error).__name__)
            continue
        if response.status_code == 200:
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)
        else:
            tally.count(f"HTTP {response.status_code}")


def run_httpx_load(url: str, make: Request, clients: int, seconds: float) -> Tally:
    """The same load from httpx.AsyncClient (--client httpx), the client of the earlier figures."""
    async def go() -> Tally:
        tally = Tally()
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        cpu_before = time.process_time()
        async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
            started = time.monotonic()
            await asyncio.gather(*(_httpx_client(client, make, started + seconds, tally) for _ in range(clients)))
            tally.elapsed_s = time.monotonic() - started
        tally.client_cpu_s = time.process_time() - cpu_before
        return tally

    return asyncio.run(go())


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / MB
    raise RuntimeError("no VmRSS")


def start(data_dir: Path, env: dict[str, str], port: int = 0) -> tuple[subprocess.Popen[bytes], str, float, float]:
    """A server process on ``port`` (default: a free one), its URL, seconds to /healthz 200 and seconds
    to the first /v1/ask answer."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([str(ASSISTANT), "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env={**env, "ASSISTANT_DATA_DIR": str(data_dir)}, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"assistant serve exited with {server.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    else:
        stop_server(server)
        raise SystemExit("assistant serve did not become ready within 180 s")
    ready = time.perf_counter() - started
    httpx.post(f"{url}/v1/ask", json={"question": "双跨平台奖励多少钱？"}, timeout=30).raise_for_status()
    first_answer = time.perf_counter() - started
    START_CPU_S.append(cpu_seconds(server.pid))
    return server, url, ready, first_answer


def ask_and_embedding(url: str, floor_port: int, questions: list[str]) -> tuple[round_trip.RoundTrips, str]:
    """bench/round_trip.py against this server: /v1/ask, /healthz and a bare ASGI floor, each after one
    query embedding with the configured backend in this process (no cache), medians."""
    from assistant.retrieval.embeddings import Embedder
    from assistant.settings import Settings

    settings = Settings()
    embedder = Embedder(settings.embedding_model, settings.embedding_backend, query_cache_size=0,
                        model_cache_dir=settings.model_cache_dir)
    with round_trip.floor_server(floor_port) as floor_url:
        return round_trip.measure(url, floor_url, questions, embedder.embed_query), settings.embedding_backend


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phase-seconds", type=float, default=10.0, help="each clients × new/repeated phase")
    parser.add_argument("--load-seconds", type=float, default=60.0, help="each 32-client mixed load")
    parser.add_argument("--idle-seconds", type=float, default=60.0)
    parser.add_argument("--warm-starts", type=int, default=3, help="warm starts timed (median reported)")
    parser.add_argument("--port", type=int, default=0, help="serve on this port and the next (default: free ports)")
    parser.add_argument("--client", choices=("lean", "httpx"), default="lean",
                        help="load generator: bench/lean_load.py (default) or httpx.AsyncClient (the earlier figures)")
    parser.add_argument("--numbered", action="store_true",
                        help="new questions as before: a dev question, a preface and a number every time")
    args = parser.parse_args()
    run_load = run_lean_load if args.client == "lean" else run_httpx_load
    env = SERVER_ENV
    questions = dev_questions()
    load = os.getloadavg()
    print(f"machine: {machine()}; load average before {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (client and server share it)")
    verdicts: list[tuple[str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="bench-serve-profile-") as tmp:
        data_dir = Path(tmp)
        server, _, cold_ready, cold_first = start(data_dir, env, port=args.port)  # empty data dir: the index is built
        stop_server(server)
        warm_starts = []
        for _ in range(args.warm_starts - 1):  # index reused; the last one stays up for the rest
            server, _, ready, first_answer = start(data_dir, env, port=args.port)
            stop_server(server)
            warm_starts.append((ready, first_answer))
        server, url, ready, first_answer = start(data_dir, env, port=args.port)
        warm_starts.append((ready, first_answer))
        warm_ready = statistics.median(ready for ready, _ in warm_starts)
        warm_first = statistics.median(first for _, first in warm_starts)
        try:
            rss_ready = rss_mb(server.pid)
            print(f"start, cold (empty data dir): /healthz {cold_ready:.2f} s, first answer {cold_first:.2f} s")
            print(f"start, warm (index reused):   /healthz {warm_ready:.2f} s, first answer {warm_first:.2f} s "
                  f"(median of {len(warm_starts)}: {', '.join(f'{first:.2f}' for _, first in warm_starts)})")
            print(f"CPU seconds used by the server up to its first answer: cold {START_CPU_S[0]:.2f}, warm "
                  f"{statistics.median(START_CPU_S[1:]):.2f} (on a busy machine the wall time is longer)")
            print(f"RSS at ready {rss_ready:.0f} MB")
            verdicts += [("first answer with an existing index", warm_first <= BARS["warm_first_answer_s"]),
                         ("RSS at ready", rss_ready <= BARS["rss_ready_mb"])]

            new = NumberedQuestions(questions) if args.numbered else NewQuestions(labelled_questions(), seen_questions(questions))
            print(f"new questions: {'numbered dev questions' if args.numbered else 'pinned labelled questions × prefaces'}"
                  f", {mean_tokens(new):.1f} tokens on average (dev questions {mean_tokens(iter(questions)):.1f}); "
                  f"load client: {args.client}")
            repeated = itertools.cycle(questions)
            run_load(url, ask_request(repeated), 4, 3)  # warm-up: repeated vectors cached
            for question in questions:
                httpx.post(f"{url}/v1/ask", json={"question": question}, timeout=30)
            results: dict[tuple[str, int], Tally] = {}
            print("POST /v1/ask          clients")
            for clients in (1, 8, 32):
                for kind, make in (("new", ask_request(new)), ("repeated", ask_request(repeated))):
                    cpu_before = cpu_seconds(server.pid)
                    results[kind, clients] = tally = run_load(url, make, clients, args.phase_seconds)
                    cpu_ms = (cpu_seconds(server.pid) - cpu_before) * 1000 / max(1, len(tally.latencies_ms))
                    print(f"  {kind:9} {clients:3}  {summary(tally)}  server CPU {cpu_ms:5.1f} ms/request")
            verdicts.append(("new questions/s at 32 clients", results["new", 32].rate >= BARS["new_rps_32"]))

            trips, backend = ask_and_embedding(url, args.port + 1 if args.port else free_port(), questions)
            print(trips.report(backend))
            verdicts.append(("/v1/ask median / one embedding", trips.ratio <= BARS["ask_over_embedding"]))

            rss_before_load = rss_mb(server.pid)
            first = run_load(url, mixed_request(new, repeated), 32, args.load_seconds)
            rss_load1 = rss_mb(server.pid)
            time.sleep(args.idle_seconds)
            rss_idle = rss_mb(server.pid)
            second = run_load(url, mixed_request(new, repeated), 32, args.load_seconds)
            rss_load2 = rss_mb(server.pid)
            print(f"mixed load 1 (32 clients, {args.load_seconds:.0f} s): {summary(first)}")
            print(f"mixed load 2 (32 clients, {args.load_seconds:.0f} s): {summary(second)}")
            print(f"RSS MB: ready {rss_ready:.0f}, after phases {rss_before_load:.0f}, after load 1 {rss_load1:.0f}, "
                  f"after {args.idle_seconds:.0f} s idle {rss_idle:.0f}, after load 2 {rss_load2:.0f} "
                  f"(growth load 1 → 2: {rss_load2 - rss_load1:+.0f} MB)")
            verdicts += [("RSS after load", max(rss_load1, rss_load2) <= BARS["rss_load_mb"]),
                         ("no growth between loads", rss_load2 - rss_load1 <= BARS["growth_mb"])]
        finally:
            stop_server(server)
    load = os.getloadavg()
    print(f"load average after {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for name, passed in verdicts:
        print(f"bar: {name} — {'PASS' if passed else 'FAIL'}")
    return 0 if all(passed for _, passed in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
