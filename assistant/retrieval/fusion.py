"""Fusing ranked lists: reciprocal rank fusion (Cormack et al. 2009). Pure."""

from __future__ import annotations

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
