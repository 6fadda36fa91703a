"""Metamorphic tests (issue 11 item 6): rewrites that keep a question's meaning keep its answer.

For every labelled dev question (answered, refused and clarified alike), each rewrite of
``tests/answering/rewrites.py`` is asked through the real stack and must keep the original answer's
status and, when the original cites, its first cited clause. One test per kind of rewrite, over all
questions the rewrite changes; it reports the rate and holds it to the issue's bar (≥ 95 %).

Measured on 2026-11-28 (branch i11b = main abf4dca; answering untouched), kept / rewritten:
greeting 0.986 (141/143), thanks 0.979 (140/143), hotline 0.147 (21/143: "电话" reads as asking for a
phone number), particles 0.979 (140/143), chinese_numerals 1.000 (26/26), full_width 1.000 (27/27),
traditional 1.000 (138/138), homophone_typo 0.752 (100/133). With ``TermCorrector`` applied to the
question before ``ask`` (as issue 11 item 5 wires it), homophone_typo is 0.992 (131/132) and the rest
unchanged. Kinds under the bar are marked xfail (not strict) with their rate; the lead's answering
rework should lift them, and the xfail goes then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.answering import rewrites

DEV_QUESTIONS = Path(__file__).resolve().parents[2] / "eval" / "data" / "qa_dev.yaml"
BAR = 0.95
# Today's rates of the kinds under the bar (see the module docstring).
UNDER_THE_BAR = {
    "hotline": "0.147 (21/143)",
    "homophone_typo": "0.752 (100/133); 0.992 with TermCorrector wired",
}
KINDS = ["greeting", "thanks", "hotline", "particles", "chinese_numerals", "full_width", "traditional",
         "homophone_typo"]


def _questions() -> list[str]:
    return [case["question"] for case in yaml.safe_load(DEV_QUESTIONS.read_text(encoding="utf-8"))["questions"]]


def _signature(answer: Any) -> tuple[str, str | None]:
    """What a rewrite must keep: the status and the first cited clause (None when nothing is cited)."""
    return answer.status, answer.citations[0].address.id if answer.citations else None


def _rewrite(kind: str, answerer: Any) -> Callable[[str], str]:
    if kind == "homophone_typo":
        return rewrites.homophone_typo(answerer.vocabulary.spelling_terms())
    return getattr(rewrites, kind)


@pytest.fixture(scope="module")
def originals(answerer) -> dict[str, tuple[str, str | None]]:
    return {question: _signature(answerer.ask(question)) for question in _questions()}


def keep_rate(kind: str, answerer: Any, originals: dict[str, tuple[str, str | None]]) -> tuple[int, int, list[str]]:
    """(kept, rewritten, misses): how many rewritten questions keep the original's status and first clause."""
    rewrite = _rewrite(kind, answerer)
    kept, misses = 0, []
    pairs = [(question, rewrite(question)) for question in originals]
    pairs = [(question, rewritten) for question, rewritten in pairs if rewritten != question]
    for question, rewritten in pairs:
        got = _signature(answerer.ask(rewritten))
        if got == originals[question]:
            kept += 1
        else:
            misses.append(f"{rewritten}: {originals[question]} → {got}")
    return kept, len(pairs), misses


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(kind, marks=pytest.mark.xfail(strict=False, reason=f"under the bar {BAR}: measured {UNDER_THE_BAR[kind]}"))
        if kind in UNDER_THE_BAR else kind
        for kind in KINDS
    ],
)
def test_a_meaning_preserving_rewrite_keeps_status_and_first_clause(kind: str, answerer, originals) -> None:
    kept, rewritten, misses = keep_rate(kind, answerer, originals)
    rate = kept / rewritten
    print(f"\n{kind}: kept {rate:.3f} ({kept}/{rewritten})")
    assert rate >= BAR, f"{kind}: {rate:.3f} < {BAR}; misses:\n" + "\n".join(misses[:20])
