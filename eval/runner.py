"""`assistant eval`: run the labelled suites in-process or against a URL, score them, hold them to the gates."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import yaml
from tqdm import tqdm

from assistant.errors import AssistantError, InvalidInput
from eval import metrics as m

EVAL_DIR = Path(__file__).resolve().parent
DATA_DIR = EVAL_DIR / "data"
DEFAULT_GATES = EVAL_DIR / "gates.toml"
SUITES = ("qa", "precheck", "dialogue")
SPLITS = ("dev", "heldout")  # `--split all` runs these two


def _extra_qa_splits() -> dict[str, tuple[str, ...]]:
    """Batches kept beside the splits, for the qa suite only: run alone (`--split fresh`), never part of `all`.
    Every other eval/data/qa_<name>.yaml is one, so a new fresh batch is picked up by its file name."""
    names = [path.stem.removeprefix("qa_") for path in DATA_DIR.glob("qa_*.yaml")]

    def batch_order(name: str) -> tuple[str, int]:  # by name, a batch's number read as a number: fresh, fresh2 … fresh17
        stem = name.rstrip("0123456789")
        return (stem, int(name[len(stem):] or 1))

    return {name: ("qa",) for name in sorted(names, key=batch_order) if name not in SPLITS}


EXTRA_SPLITS = _extra_qa_splits()
SPLIT_CHOICES = (*SPLITS, *EXTRA_SPLITS, "all")
# suite → (file stem, top-level key) of eval/data/<stem>_<split>.yaml
SUITE_FILES = {"qa": ("qa", "questions"), "precheck": ("profiles", "profiles"), "dialogue": ("dialogues", "dialogues")}
REQUIRED_FIELDS = {"qa": ("id", "question", "expected_status"), "precheck": ("id", "expected"),
                   "dialogue": ("id", "turns", "expected")}
RANKED_K = 5
RATE_LIMIT_RETRIES = 5


# --- where the answers come from ----------------------------------------------------------------


class Backend(Protocol):
    """The three doors the suites knock on; in-process and over HTTP behave the same."""

    mode: str
    retrieval_source: str  # "retriever ranking" or "answer citations" (HTTP does not expose the ranking)

    def ask(self, question: str) -> tuple[dict[str, Any], list[str], float]:
        """The /v1/ask body, the ranked clause ids, and the answer's latency in seconds."""
        ...

    def precheck(self, facts: dict[str, Any]) -> tuple[dict[str, Any], float]:
        """The /v1/precheck body and its latency in seconds."""
        ...

    def chat(self, session_id: str | None, message: str) -> tuple[dict[str, Any], float]:
        """The /v1/chat body of one turn and its latency in seconds."""
        ...


def _error_body(error: AssistantError) -> dict[str, Any]:
    return {"status": f"error:{error.code}", "answer": error.message, "citations": [], "results": []}


class InProcessBackend:
    """Calls the services directly; recall is measured over the retriever's own ranking."""

    mode = "in-process"
    retrieval_source = "retriever ranking"

    def __init__(self, services: Any):
        self.services = services

    def ask(self, question: str) -> tuple[dict[str, Any], list[str], float]:
        started = time.perf_counter()
        try:
            body = self.services.answerer.ask(question).to_dict()
        except AssistantError as error:
            body = _error_body(error)
        elapsed = time.perf_counter() - started
        ranked = self.services.search.retriever.ranked(question, RANKED_K)
        return body, [document.metadata["clause_id"] for document in ranked], elapsed

    def precheck(self, facts: dict[str, Any]) -> tuple[dict[str, Any], float]:
        from assistant.eligibility import evaluate

        started = time.perf_counter()
        try:
            body = evaluate(self.services.rulebook.facts_model.model_validate(facts), self.services.rulebook).to_dict()
        except AssistantError as error:
            body = _error_body(error)
        return body, time.perf_counter() - started

    def chat(self, session_id: str | None, message: str) -> tuple[dict[str, Any], float]:
        started = time.perf_counter()
        try:
            body = self.services.dialogue.turn(session_id, message)
        except AssistantError as error:
            body = {"session_id": session_id, "reply": error.message, "precheck": None}
        return body, time.perf_counter() - started


def clause_id_of(address: dict[str, Any]) -> str:
    """The clause id of a citation address (its "id", else rebuilt: items carry paragraph 1)."""
    if address.get("id"):
        return str(address["id"])
    clause_id = f"a{address['article']}"
    paragraph = address.get("paragraph") or (1 if address.get("item") else None)
    for prefix, value in (("p", paragraph), ("i", address.get("item")), ("s", address.get("subitem"))):
        if value:
            clause_id += f"{prefix}{value}"
    return clause_id


class HttpBackend:
    """Calls a running server; recall falls back to the order of the answer's citations."""

    mode = "url"
    retrieval_source = "answer citations"

    def __init__(self, url: str, timeout: float = 60.0, client: Any = None):
        import httpx

        self.url = url.rstrip("/")
        # any httpx.Client works, e.g. Starlette's TestClient around an app in the same process
        self.client = client or httpx.Client(base_url=self.url, timeout=timeout)

    def _post(self, path: str, body: dict[str, Any]) -> tuple[dict[str, Any], float]:
        """The response body and the latency of the answered attempt (rate-limit waits not counted)."""
        import httpx

        for _attempt in range(RATE_LIMIT_RETRIES):
            started = time.perf_counter()
            try:
                response = self.client.post(path, json=body)
            except httpx.TransportError as error:
                raise InvalidInput(f"cannot reach {self.url}{path}: {error}") from error
            elapsed = time.perf_counter() - started
            if response.status_code != 429:
                break
            # The server's limiter protects it from clients like us; wait as told rather than score 429s.
            wait = float(response.headers.get("retry-after", "5"))
            print(f"rate limited by {self.url}; waiting {wait:g} s (raise ASSISTANT_RATE_LIMIT on the server to go faster)",
                  file=sys.stderr)
            time.sleep(wait)
        data = response.json()
        if response.status_code >= 400:
            error_body = data.get("error", {}) if isinstance(data, dict) else {}
            code = error_body.get("code", response.status_code)
            data = {"status": f"error:{code}", "answer": error_body.get("message", ""), "citations": [], "results": []}
        return data, elapsed

    def ask(self, question: str) -> tuple[dict[str, Any], list[str], float]:
        body, elapsed = self._post("/v1/ask", {"question": question})
        return body, [clause_id_of(citation) for citation in body.get("citations", [])], elapsed

    def precheck(self, facts: dict[str, Any]) -> tuple[dict[str, Any], float]:
        return self._post("/v1/precheck", {"facts": facts})

    def chat(self, session_id: str | None, message: str) -> tuple[dict[str, Any], float]:
        return self._post("/v1/chat", {"session_id": session_id, "message": message})


# --- labelled data ------------------------------------------------------------------------------


def load_cases(suite: str, splits: Sequence[str], data_dir: Path = DATA_DIR) -> list[tuple[str, dict[str, Any]]]:
    """(split, case) pairs of a suite, in file order; a missing or malformed file is a usage error."""
    stem, key = SUITE_FILES[suite]
    cases = []
    for split in splits:
        path = data_dir / f"{stem}_{split}.yaml"
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise InvalidInput(f"cannot read {path}: {error}") from error
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            raise InvalidInput(f"{path}: expected a top-level list '{key}'")
        for index, case in enumerate(data[key]):
            missing = [name for name in REQUIRED_FIELDS[suite] if not isinstance(case, dict) or name not in case]
            if missing:
                raise InvalidInput(f"{path}: case {index + 1} lacks {', '.join(missing)}")
            cases.append((split, case))
    return cases


def _progress(cases: Sequence[Any], description: str) -> Iterable[Any]:
    return tqdm(cases, desc=description, unit="case", file=sys.stderr, leave=False, dynamic_ncols=True)


def _latency(latencies_s: Sequence[float]) -> dict[str, float | None]:
    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 2)

    return {"latency_p50_ms": ms(m.percentile(latencies_s, 50)), "latency_p95_ms": ms(m.percentile(latencies_s, 95))}


# --- suites -------------------------------------------------------------------------------------


def run_qa(cases: Sequence[tuple[str, dict[str, Any]]], backend: Backend) -> dict[str, Any]:
    """Ask every question; score retrieval, citations, key facts and refusals; list each item's result."""
    items, outcomes, latencies = [], [], []
    for split, case in _progress(cases, "qa"):
        body, ranked, elapsed = backend.ask(case["question"])
        latencies.append(elapsed)
        outcome = m.QAOutcome(
            expected_status=case["expected_status"],
            returned_status=body.get("status", "error"),
            gold=tuple(case.get("gold") or ()),
            ranked=tuple(ranked),
            cited=tuple(clause_id_of(citation) for citation in body.get("citations", [])),
            key_facts=tuple(case.get("key_facts") or ()),
            missing_facts=tuple(m.missing_key_facts(body.get("answer", ""), case.get("key_facts") or ())),
        )
        scores = m.qa_item_scores(outcome)
        failures = m.qa_failures(outcome, scores)
        outcomes.append(outcome)
        items.append({
            "id": case["id"], "split": split, "kind": case.get("kind", "other"), "question": case["question"],
            "expected_status": outcome.expected_status, "returned_status": outcome.returned_status,
            "gold": list(outcome.gold), "ranked": list(outcome.ranked), "cited": list(outcome.cited),
            "answer": body.get("answer", ""), "missing_facts": list(outcome.missing_facts),
            "scores": scores, "latency_ms": round(elapsed * 1000, 2),
            "passed": not failures, "failures": failures,
        })
    by_kind = m.group_by(range(len(items)), lambda i: items[i]["kind"])
    by_split = m.group_by(range(len(items)), lambda i: items[i]["split"])
    return {
        "metrics": {**m.qa_metrics(outcomes), **_latency(latencies), "passed_items": sum(i["passed"] for i in items)},
        "by_kind": {kind: m.qa_metrics([outcomes[i] for i in idx]) for kind, idx in sorted(by_kind.items())},
        "by_split": {split: m.qa_metrics([outcomes[i] for i in idx]) for split, idx in by_split.items()},
        "retrieval_source": backend.retrieval_source,
        "items": items,
    }


def _decision_item(case: dict[str, Any], split: str, results: list[dict[str, Any]], latencies: list[float],
                   extra: dict[str, Any]) -> tuple[dict[str, Any], list[m.DecisionOutcome]]:
    outcomes = m.compare_decisions(case["expected"], results)
    failures = [o.category for o in outcomes if not o.status_ok or o.amount_ok is False]
    item = {
        "id": case["id"], "split": split, "kind": case.get("kind", "other"), "name": case.get("name", ""), **extra,
        "decisions": [
            {"category": o.category, "expected_status": o.expected_status, "returned_status": o.returned_status,
             "expected_amount": o.expected_amount, "returned_amount": o.returned_amount,
             "status_ok": o.status_ok, "amount_ok": o.amount_ok}
            for o in outcomes
        ],
        "latency_ms": round(sum(latencies) * 1000, 2), "passed": not failures, "failures": failures,
    }
    return item, outcomes


def _decision_suite(items: list[dict[str, Any]], cases: list[list[m.DecisionOutcome]],
                    latencies: list[float]) -> dict[str, Any]:
    pairs = [outcome for case in cases for outcome in case]
    by_category = m.group_by(pairs, lambda outcome: outcome.category)
    by_split = m.group_by(range(len(items)), lambda i: items[i]["split"])
    by_kind = m.group_by(range(len(items)), lambda i: items[i]["kind"])
    return {
        "metrics": {**m.decision_metrics(cases), **_latency(latencies), "passed_items": sum(i["passed"] for i in items)},
        "by_kind": {kind: m.decision_metrics([cases[i] for i in idx]) for kind, idx in sorted(by_kind.items())},
        # per category, each decision is its own case
        "by_category": {category: m.decision_metrics([[outcome] for outcome in group])
                        for category, group in sorted(by_category.items())},
        "by_split": {split: m.decision_metrics([cases[i] for i in idx]) for split, idx in by_split.items()},
        "confusion": m.confusion_matrix(pairs),
        "items": items,
    }


def run_precheck(cases: Sequence[tuple[str, dict[str, Any]]], backend: Backend) -> dict[str, Any]:
    """Pre-check every profile's facts and compare each expected category's decision and amount bound."""
    items, outcomes, latencies = [], [], []
    for split, case in _progress(cases, "precheck"):
        body, elapsed = backend.precheck(case.get("facts") or {})
        latencies.append(elapsed)
        item, outcome = _decision_item(case, split, body.get("results", []), latencies[-1:], {})
        items.append(item)
        outcomes.append(outcome)
    return _decision_suite(items, outcomes, latencies)


def run_dialogue(cases: Sequence[tuple[str, dict[str, Any]]], backend: Backend) -> dict[str, Any]:
    """Play every dialogue turn by turn in a fresh session and score the final turn's precheck."""
    items, outcomes, latencies = [], [], []
    for split, case in _progress(cases, "dialogue"):
        session_id: str | None = None
        turn_latencies: list[float] = []
        reply: dict[str, Any] = {}
        for message in case["turns"]:
            reply, elapsed = backend.chat(session_id, message)
            turn_latencies.append(elapsed)
            session_id = reply.get("session_id", session_id)
        latencies += turn_latencies  # per turn: what a user waits for
        results = (reply.get("precheck") or {}).get("results", [])
        extra = {"turns": list(case["turns"]), "final_reply": reply.get("reply", "")}
        item, outcome = _decision_item(case, split, results, turn_latencies, extra)
        items.append(item)
        outcomes.append(outcome)
    return _decision_suite(items, outcomes, latencies)


RUNNERS: dict[str, Callable[[Sequence[tuple[str, dict[str, Any]]], Backend], dict[str, Any]]] = {
    "qa": run_qa, "precheck": run_precheck, "dialogue": run_dialogue,
}


def run(suites: Sequence[str], split: str = "all", *, services: Any = None, url: str | None = None,
        backend: Backend | None = None, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Run the suites on the split(s) and return the results document (metrics, breakdowns, every item).

    The answers come from ``backend`` if given, else from ``url``, else from ``services`` (built if None).
    """
    splits = list(SPLITS) if split == "all" else [split]
    if split in EXTRA_SPLITS and set(suites) - set(EXTRA_SPLITS[split]):
        raise InvalidInput(f"split {split!r} exists for the {', '.join(EXTRA_SPLITS[split])} suite only")
    cases = {suite: load_cases(suite, splits, data_dir) for suite in suites}  # fail on bad data before the model loads
    owned = False
    if backend is not None:
        url = getattr(backend, "url", None)
    elif url:
        backend = HttpBackend(url)
    else:
        owned = services is None  # built here, so closed here
        if owned:
            from assistant.services import build_services

            services = build_services()
        backend = InProcessBackend(services)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "meta": {
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "mode": backend.mode, "url": url, "suites": list(suites), "splits": splits,
            "data_dir": str(data_dir),
        },
    }
    try:
        results["suites"] = {suite: RUNNERS[suite](cases[suite], backend) for suite in suites}
    finally:
        if owned:
            services.close()
    results["meta"]["duration_s"] = round(time.perf_counter() - started, 1)
    return results


def apply_gates(results: dict[str, Any], gates: dict[str, Any]) -> bool:
    """Record each gate's outcome in the results; True when none is missed (an unmeasured gate is not missed)."""
    try:
        checked = m.check_gates(gates, {suite: data["metrics"] for suite, data in results["suites"].items()})
    except KeyError as error:
        raise InvalidInput(str(error.args[0])) from error
    results["gates"] = [
        {"suite": g.suite, "metric": g.metric, "bound": g.bound, "at_most": g.at_most, "value": g.value,
         "passed": g.passed}
        for g in checked
    ]
    results["passed"] = all(g.passed is not False for g in checked)
    return results["passed"]


def load_gates(path: Path) -> dict[str, Any]:
    """The gates TOML: [suite] metric = floor, [suite.at_most] metric = ceiling."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InvalidInput(f"cannot read gates {path}: {error}") from error


def load_results(path: Path) -> dict[str, Any]:
    """A results.json from an earlier run."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InvalidInput(f"cannot read {path}: {error}") from error
    if not isinstance(data, dict) or "suites" not in data:
        raise InvalidInput(f"{path}: not an eval results file")
    return data


def main(args: argparse.Namespace, *, services: Any = None, backend: Backend | None = None,
         data_dir: Path | None = None) -> int:
    """Entry point of `assistant eval`: 0 when every gate holds, 1 when one is missed, 2 on a usage error."""
    from eval import report

    suites = list(SUITES) if args.suite == "all" else [args.suite]
    if args.suite == "all" and args.split in EXTRA_SPLITS:
        suites = list(EXTRA_SPLITS[args.split])  # `--suite all --split fresh`: the suites that have the batch
    data_dir = data_dir or (Path(args.data_dir) if getattr(args, "data_dir", None) else DATA_DIR)
    try:
        gates = load_gates(Path(args.gates) if args.gates else DEFAULT_GATES)
        old = load_results(Path(args.compare)) if args.compare else None
        results = run(suites, args.split, services=services, url=args.url, backend=backend, data_dir=data_dir)
        passed = apply_gates(results, gates)
    except InvalidInput as error:
        print(f"error [{error.code}]: {error.message}", file=sys.stderr)
        return 2
    report.print_summary(results)
    if args.report:
        written = report.write_report(results, Path(args.report))
        print(f"report: {', '.join(str(path) for path in written)}")
    if old is not None:
        report.print_comparison(old, results)
    return 0 if passed else 1
