"""English of the French texts on method shares and data quality (terminal, xlsx summary)."""

from __future__ import annotations

EN_METHODS: dict[str, str] = {
    "% dépense": "% spend",
    "% émissions": "% emissions",
    "Qualité des données : {score} des émissions reposent sur des données mesurées (fournisseurs, quantités, données d'activité).": "Data quality: {score} of the emissions rest on measured data (suppliers, quantities, activity data).",
    "Cette part du bilan bouge quand les achats changent de nature (papier recyclé, repas végétariens, matériel reconditionné), pas seulement de montant ; pour l'augmenter, fournissez des données d'activité (tonnages de déchets, repas servis, kWh) et les chiffres carbone de vos fournisseurs.": "This share of the footprint moves when purchases change in kind (recycled paper, vegetarian meals, refurbished equipment), not only in euros; to raise it, provide activity data (waste tonnages, meals served, kWh) and your suppliers' carbon figures.",
    "Qualité des données (part des émissions mesurées)": "Data quality (share of emissions measured)",
    "Part des émissions tirée des chiffres des fournisseurs, des quantités physiques et des données d'activité. ": "Share of the emissions drawn from suppliers' figures, physical quantities and activity data. ",
    "Émissions sur données mesurées": "Emissions from measured data",
    "Sur {spend} € HT de dépense.": "On €{spend} of spend excl. VAT.",
    "Dépense non comptée (sans règle ou à quantifier)": "Spend not counted (no rule, or to quantify)",
    "Hors du total : à affecter ou à quantifier.": "Not in the total: to map or to quantify.",
}
