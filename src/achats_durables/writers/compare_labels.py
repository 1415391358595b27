"""The comparison's labels shared by its writers (terminal, xlsx, csv and the HTML document)."""

from __future__ import annotations

EFFECTS = {
    "volume_effect_tco2e": "effet volume (dépense)",
    "factor_effect_tco2e": "effet facteurs (année des euros, version)",
    "perimeter_effect_tco2e": "effet périmètre et affectation",
}
