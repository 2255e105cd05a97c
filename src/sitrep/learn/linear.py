"""Multinomial logistic regression fitted with L-BFGS, with a fixed offset per row: the second
feature set of the event reader learns what the first left unexplained (model.py). Deterministic:
weights start at zero, no sampling."""
from __future__ import annotations

import numpy as np
from scipy import optimize, sparse


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def fit_softmax(features: np.ndarray | sparse.csr_matrix, labels: np.ndarray, classes: int,
                l2: float, sample_weight: np.ndarray | None = None, offset: np.ndarray | None = None,
                max_iter: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features, classes) and bias (classes,) minimising the weighted mean cross-entropy
    of softmax(features @ W + bias + offset) plus ``l2`` / 2 * |W|^2 (the bias is not penalised)."""
    n, d = features.shape
    weight = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    weight = weight / weight.sum()
    onehot = np.zeros((n, classes))
    onehot[np.arange(n), labels] = 1.0
    base = np.zeros((n, classes)) if offset is None else np.asarray(offset, dtype=np.float64)

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        W, b = flat[:d * classes].reshape(d, classes), flat[d * classes:]
        logits = features @ W + b + base
        logits -= logits.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(logits).sum(axis=1, keepdims=True))
        log_p = logits - log_norm
        loss = -(weight * (onehot * log_p).sum(axis=1)).sum() + 0.5 * l2 * (W * W).sum()
        residual = (np.exp(log_p) - onehot) * weight[:, None]
        grad_W = np.asarray(features.T @ residual) + l2 * W
        return loss, np.concatenate([grad_W.ravel(), residual.sum(axis=0)])

    start = np.zeros(d * classes + classes)
    result = optimize.minimize(loss_and_gradient, start, jac=True, method="L-BFGS-B",
                               options={"maxiter": max_iter})
    return result.x[:d * classes].reshape(d, classes), result.x[d * classes:]
