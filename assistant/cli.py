"""`assistant serve|ask|precheck|checklist|chat|index|migrate|eval`: thin commands over the same services."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from assistant.errors import AssistantError
from assistant.language import phrases
from assistant.settings import Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _services():
    from assistant.services import build_services

    return build_services()


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.api import create_app
    from assistant.api.limits import limit_blas_threads, limit_malloc_arenas
    from assistant.settings import Settings

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = Settings()
    limit_malloc_arenas(settings.malloc_arena_max)
    limit_blas_threads(settings.blas_threads)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the Chroma client's one line per query
    # A keep-alive longer than the default 5 s: busy clients reuse connections the server would
    # otherwise close under them (seen as read errors in the load test). No proxy headers: uvicorn
    # would take X-Forwarded-For from any loopback peer; the rate limiter decides whom to believe.
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="warning", timeout_keep_alive=30,
                proxy_headers=False)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    answer = _services().answerer.ask(args.question).to_dict()
    if args.json:
        _print_json(answer)
    else:
        print(answer["answer"])
        for citation in answer["citations"]:
            print(f"  · {citation['label']}：{citation['text']}")
    return 0


def cmd_precheck(args: argparse.Namespace) -> int:
    from rich.console import Console

    from assistant.corpus import load_packages
    from assistant.eligibility import evaluate, render_precheck_table

    try:
        raw = json.loads(Path(args.facts).read_text(encoding="utf-8")) if args.facts != "-" else json.load(sys.stdin)
    except (OSError, json.JSONDecodeError) as error:
        raise AssistantError(f"cannot read facts from {args.facts}: {error}") from error
    raw = raw.get("facts", raw) if isinstance(raw, dict) else raw
    rulebook = load_packages(Settings().corpus_dir)[0].rulebook  # no model needed: the rules are pure
    report = evaluate(rulebook.parse_facts(raw), rulebook)
    if args.json:
        _print_json(report.to_dict())
    else:
        Console().print(render_precheck_table(report))
    return 0


def cmd_checklist(args: argparse.Namespace) -> int:
    from assistant.corpus import load_packages
    from assistant.eligibility import build_checklist

    checklist = build_checklist(args.category, load_packages(Settings().corpus_dir)[0].rulebook)
    if args.json:
        _print_json(checklist.to_dict())
    else:
        print(checklist.to_text())
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    services = _services()
    session_id = args.session
    print(phrases.CHAT_GREETING)
    for line in sys.stdin if not sys.stdin.isatty() else iter(lambda: input("> "), None):
        message = line.strip()
        if message in phrases.CHAT_EXIT_WORDS:
            break
        if not message:
            continue
        try:
            result = services.dialogue.turn(session_id, message)
        except AssistantError as error:
            print(phrases.CHAT_ERROR.format(message=error.message))
            continue
        session_id = result["session_id"]
        print(result["reply"])
    services.close()
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from assistant.corpus import load_packages
    from assistant.services import open_search_stack
    from assistant.settings import Settings

    settings = Settings()
    # --rebuild is the one-time job of a scaled set-up: it writes even where workers only read.
    stack = open_search_stack(settings, load_packages(settings.corpus_dir),
                              index_mode="rebuild" if args.rebuild else None)
    where = (f"Chroma server {settings.chroma_host}:{settings.chroma_port}" if settings.chroma_mode == "http"
             else str(settings.data_dir / "chroma"))
    print(f"{len(stack.regulations)} regulation(s), {stack.vector_index.size} clauses indexed; "
          f"vector index {'rebuilt' if stack.vector_index.rebuilt else 'reused'} in {where}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from assistant.conversation.sessions import SessionStore
    from assistant.settings import Settings

    settings = Settings()
    store = SessionStore(settings.resolved_session_db_url, settings.session_retention_days, migrate=True)
    store.close()
    applied = store.applied_migrations
    print(f"applied {len(applied)} migration(s): {', '.join(applied)}" if applied else "schema up to date")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from eval.runner import main as eval_main

    return eval_main(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="policy assistant: clause-cited answers, pre-check and checklists for the regulations in corpus/")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the API and the web page")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=cmd_serve)

    ask = commands.add_parser("ask", help="answer one question with clause citations")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the /v1/ask body")
    ask.set_defaults(run=cmd_ask)

    precheck = commands.add_parser("precheck", help="pre-check eligibility from a facts JSON file (- for stdin)")
    precheck.add_argument("facts")
    precheck.add_argument("--json", action="store_true", help="print the /v1/precheck body")
    precheck.set_defaults(run=cmd_precheck)

    checklist = commands.add_parser("checklist", help="the material checklist of a category")
    checklist.add_argument("category")
    checklist.add_argument("--json", action="store_true")
    checklist.set_defaults(run=cmd_checklist)

    chat = commands.add_parser("chat", help="chat in the terminal")
    chat.add_argument("--session", default=None, help="continue a session id")
    chat.set_defaults(run=cmd_chat)

    index = commands.add_parser("index", help="build or check the search index")
    index.add_argument("--rebuild", action="store_true",
                       help="re-embed the corpus into the collection once (for workers with ASSISTANT_INDEX_READ_ONLY)")
    index.set_defaults(run=cmd_index)

    migrate = commands.add_parser("migrate", help="apply the session database's schema migrations once")
    migrate.set_defaults(run=cmd_migrate)

    evaluate = commands.add_parser("eval", help="run the evaluation suite")
    evaluate.add_argument("--suite", choices=["qa", "precheck", "dialogue", "all"], default="all")
    from eval.runner import SPLIT_CHOICES  # one list of splits, kept by the runner

    evaluate.add_argument("--split", choices=SPLIT_CHOICES, default="all",
                          help="all = dev + heldout; fresh, english and probe are qa batches run on their own")
    evaluate.add_argument("--data-dir", default=None,
                          help="read <suite>_<split>.yaml from this directory (default eval/data)")
    evaluate.add_argument("--report", default=None, help="write Markdown, HTML and JSON reports to this directory")
    evaluate.add_argument("--url", default=None, help="evaluate a running server instead of in-process")
    evaluate.add_argument("--compare", default=None, help="a previous results JSON to compare with")
    evaluate.add_argument("--gates", default=None, help="gates TOML (default eval/gates.toml)")
    evaluate.set_defaults(run=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except AssistantError as error:
        print(f"error [{error.code}]: {error.message}", file=sys.stderr)
        return 2
    except Exception as error:  # pydantic ValidationError and friends: a clear message, not a trace
        from pydantic import ValidationError

        if isinstance(error, ValidationError):
            print(f"error [invalid_input]: {error}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
