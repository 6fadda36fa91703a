"""Fusing ranked lists. Pure.

Reciprocal rank fusion (Cormack et al. 2009) keeps only ranks; z-score fusion keeps how far each
candidate stands out in each list, so a clause the lexical side finds far ahead of the rest is not
outvoted by a dense list whose scores are all alike.
"""

from __future__ import annotations

import math

RRF_K = 60


def reciprocal_rank_fusion(
    rankings: list[list[tuple[str, float]]], weights: list[float] | None = None, k: int = RRF_K
) -> list[tuple[str, float]]:
    """Merge rankings of (key, score) into (key, rrf_score): higher is better, ties keep first-seen order."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (key, _score) in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda pair: pair[1], reverse=True)


def z_score_fusion(rankings: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    """Merge rankings of (key, score) into (key, summed z-score): higher is better, ties keep first-seen order.

    Each list's scores are standardised over all candidates (every key any list holds); a candidate a list
    does not hold takes that list's lowest score. No parameter: a list whose scores are all equal adds nothing.
    """
    candidates = list(dict.fromkeys(key for ranking in rankings for key, _score in ranking))
    fused = dict.fromkeys(candidates, 0.0)
    for ranking in rankings:
        if not ranking:
            continue
        scores = dict(ranking)
        floor = min(scores.values())
        values = [scores.get(key, floor) for key in candidates]
        # Plain floats: statistics.pstdev computes exactly with Fractions, ~0.1 ms a list on every answer.
        mean = math.fsum(values) / len(values)
        spread = math.sqrt(math.fsum((value - mean) ** 2 for value in values) / len(values))
        if spread <= 1e-12 * max(1.0, abs(mean)):
            continue
        for key, value in zip(candidates, values, strict=True):
            fused[key] += (value - mean) / spread
    return sorted(fused.items(), key=lambda pair: pair[1], reverse=True)
