"""Message templates: the plan engine (``achats plan``): its errors and the report's issues."""

TEMPLATES: dict[str, tuple[str, str]] = {
    "plan-renewal-no-end-date": (
        "action « {action} » : start: renewal, mais le marché « {contract} » (et {count} marché(s) de la sélection en tout sans date) n'a pas de date de fin dans le registre. Complétez la « Date de fin » (ou la durée) dans le registre des marchés, ou donnez l'année de début de l'action (start: 2027).",
        "action '{action}': start: renewal, but contract '{contract}' ({count} contract(s) of the selection in all without a date) has no end date in the register. Fill in its end date (or duration) in the contract register, or give the action's start year (start: 2027).",
    ),
    "plan-renewal-off-contract": (
        "action « {action} » : {lines} ligne(s) de la sélection ({spend:eur} HT) sont hors marché : sans renouvellement à attendre, l'effet y est compté dès {year}.",
        "action '{action}': {lines} line(s) of the selection ({spend:eur} excl. VAT) are outside any contract: with no renewal to wait for, the effect counts there from {year}.",
    ),
    "plan-selection-empty": (
        "action « {action} » : son sélecteur (when) ne trouve aucune ligne comptée de l'année de référence ; elle est comptée pour 0. Vérifiez le compte, le facteur ou le n° de marché (achats footprint … -o empreinte.xlsx, feuille « Lignes »).",
        "action '{action}': its selector (when) finds no counted line of the base year; it counts as 0. Check the account, factor or contract number (achats footprint … -o footprint.xlsx, 'Lines' sheet).",
    ),
    "plan-effect-to-estimate": (
        "action « {action} » : effet à estimer (0 dans le fichier) ; elle n'évite rien tant que son effet n'est pas renseigné.",
        "action '{action}': effect to estimate (0 in the file); it avoids nothing until its effect is given.",
    ),
    "plan-overlaps": (
        "Actions dont les sélections se recouvrent (leurs effets se multiplient, dans l'ordre du fichier) : {pairs:list:plan-pair}.",
        "Actions whose selections overlap (their effects multiply, in file order): {pairs:list:plan-pair}.",
    ),
    "plan-pair": ("« {first} » et « {second} »", "'{first}' and '{second}'"),
    "plan-base-year-missing": (
        "l'année de référence du plan ({year}) n'a pas de grand livre dans achats.yaml. Ajoutez-la sous years (years: {year}: ledgers: [...]) ou changez base_year dans le plan.",
        "the plan's base year ({year}) has no ledger in achats.yaml. Add it under years (years: {year}: ledgers: [...]) or change base_year in the plan.",
    ),
    "plan-draft-horizon": (
        "l'horizon du plan ({horizon}) doit suivre son année de référence ({base}) : donnez --horizon 2030.",
        "the plan's horizon ({horizon}) must come after its base year ({base}): give --horizon 2030.",
    ),
    "plan-draft-exists": (
        "le fichier existe déjà : un plan n'est jamais remplacé par un brouillon. Choisissez un autre nom (-o plan-brouillon.yaml).",
        "the file already exists: a plan is never replaced by a draft. Choose another name (-o plan-draft.yaml).",
    ),
    "plan-file-missing": (
        "aucun plan : donnez le fichier (achats plan plan.yaml) ou déclarez-le dans achats.yaml (plan: plan.yaml).",
        "no plan: give the file (achats plan plan.yaml) or declare it in achats.yaml (plan: plan.yaml).",
    ),
}
