"""Metamorphic tests (issue 11 item 6): rewrites that keep a question's meaning keep its answer.

For every labelled dev question (answered, refused and clarified alike), each rewrite of
``tests/answering/rewrites.py`` is asked through the real stack and must keep the original answer's
status and, when the original cites, its first cited clause. One test per kind of rewrite, over all
questions the rewrite changes; it reports the rate and holds it to the issue's bar (≥ 95 %).

Measured on 2026-11-28 on main 194d0f6 (evidence-first answering, ONNX embeddings) merged into i11b, kept / rewritten
over the 209 dev questions: greeting 0.990 (207/209), thanks 0.981 (205/209), hotline 0.928 (194/209),
particles 0.990 (207/209), chinese_numerals 0.971 (33/34), full_width 1.000 (37/37), traditional
1.000 (198/198), homophone_typo 0.910 (172/189). With ``TermCorrector`` applied to the question before
``ask`` homophone_typo is 0.995 (187/188), the rest unchanged. (Before that answering, on abf4dca:
hotline 0.147, homophone_typo 0.752.)

After wiring the corrector, the English glossary and the reported-question preface into the question
reader (main, later on 2026-11-28): greeting 0.990, thanks 0.981, hotline 0.995 (208/209), particles
0.990, chinese_numerals 0.971 (33/34), full_width 1.000, traditional 1.000, homophone_typo 0.995 (187/188):
every kind is over the bar, so none is marked xfail any more.

Branch i11b (z-score fusion in the answerer, new evidence features, 66 more training questions; 2026-11-28,
merged with main 0ce350b): greeting 0.990 (207/209), thanks 0.990 (207/209), hotline 0.995 (208/209), particles
0.990 (207/209), chinese_numerals 0.971 (33/34), full_width 1.000 (37/37), traditional 1.000 (198/198),
homophone_typo 0.995 (189/190).
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
UNDER_THE_BAR: dict[str, str] = {}  # kind → measured rate, for a kind under the bar (marked xfail)
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
