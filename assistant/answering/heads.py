"""Fitted linear heads (multinomial logistic regression) evaluated with numpy: the category and
aspect of a question on its query vector, and whether the evidence lets it be answered.

Training lives in ``training.py`` (scikit-learn); a head here is plain numbers, saved as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class LinearHead:
    """Standardise, then softmax(x·Wᵀ + b); ``classes`` name the rows of W."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, features)
    bias: np.ndarray  # (classes,)
    mean: np.ndarray  # (features,)
    scale: np.ndarray  # (features,)

    def probabilities(self, features: np.ndarray) -> dict[str, float]:
        """Each class's probability for one feature vector."""
        z = self.weights @ ((features - self.mean) / self.scale) + self.bias
        if len(self.classes) == 2 and self.weights.shape[0] == 1:
            positive = 1.0 / (1.0 + np.exp(-z[0]))
            return {self.classes[0]: 1.0 - positive, self.classes[1]: positive}
        z = z - z.max()
        exp = np.exp(z)
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))

    def best(self, features: np.ndarray) -> tuple[str, float]:
        """The most probable class and its probability."""
        probabilities = self.probabilities(features)
        label = max(probabilities, key=probabilities.__getitem__)
        return label, probabilities[label]

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "weights": self.weights.tolist(),
            "bias": self.bias.tolist(),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearHead:
        return cls(
            tuple(data["classes"]),
            np.asarray(data["weights"], dtype=float),
            np.asarray(data["bias"], dtype=float),
            np.asarray(data["mean"], dtype=float),
            np.asarray(data["scale"], dtype=float),
        )
