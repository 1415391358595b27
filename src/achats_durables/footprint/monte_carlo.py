"""Seeded Monte Carlo interval of a footprint's total (DESIGN §5)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from achats_durables.core.frames import codes_of
from achats_durables.footprint.report import MonteCarlo


def monte_carlo(
    factor: pd.Series, u: np.ndarray, e_kg: np.ndarray, draws: int, seed: int
) -> MonteCarlo:
    """Lognormal multiplier per factor (lines sharing a factor are fully correlated).

    u is a 95 % relative half-width, read as 1.96 standard deviations: the multiplier's
    standard deviation is u / 1.96 and its mean 1, i.e. σ² = ln(1 + (u/1.96)²), μ = −σ²/2.
    The analytic U = √Σ(u·E)² is then 1.96 × the standard deviation of the same sum, so both
    methods agree (as far as the total is near-normal). Lines of one factor with different
    uncertainties (proxy rules) share the factor's normal draw.
    """
    fcodes, fvalues = codes_of(factor)
    key = fcodes.astype(np.float64) * 1000 + np.round(u, 6)
    uniq, inverse = np.unique(key, return_inverse=True)
    e_group = np.bincount(inverse, weights=e_kg, minlength=len(uniq))
    group_factor = (uniq // 1000).astype(np.int64)
    group_u = uniq - group_factor * 1000
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((draws, len(fvalues)))
    sigma = np.sqrt(np.log1p((group_u / 1.959964) ** 2))
    mult = np.exp(z[:, group_factor] * sigma - sigma**2 / 2)
    totals = (mult * e_group).sum(axis=1) / 1000
    low, median, high = np.percentile(totals, [2.5, 50, 97.5])
    return MonteCarlo(
        draws=draws,
        seed=seed,
        mean_tco2e=float(totals.mean()),
        median_tco2e=float(median),
        low_tco2e=float(low),
        high_tco2e=float(high),
        std_tco2e=float(totals.std()),
    )
