"""Message templates: the command line: help frame, usage errors, lines on stderr."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # the command line: Typer's help frame and usage errors (cli/_localise.py), CLI lines on stderr
    "cli-usage-prefix": ("Utilisation :", "Usage:"),
    "cli-usage-error-title": ("Erreur d'utilisation", "Usage error"),
    "cli-usage-try-help": ("Essayez « {command} » pour l'aide.", "Try '{command}' for help."),
    "cli-aborted": ("Interrompu.", "Aborted."),
    "cli-help-arguments": ("Arguments", "Arguments"),
    "cli-help-options": ("Options", "Options"),
    "cli-help-commands": ("Commandes", "Commands"),
    "cli-help-default": ("[défaut : {value}]", "[default: {value}]"),
    "cli-help-envvar": ("[variable : {value}]", "[env var: {value}]"),
    "cli-help-required": ("[obligatoire]", "[required]"),
    "cli-help-help": ("Afficher cette aide et quitter.", "Show this help and exit."),
    "cli-usage-no-such-option": ("option inconnue : {option}.", "no such option: {option}."),
    "cli-usage-did-you-mean": ("Vouliez-vous dire {choices} ?", "Did you mean {choices}?"),
    "cli-usage-missing-argument": ("argument manquant : {name}.", "missing argument: {name}."),
    "cli-usage-missing-option": (
        "option obligatoire manquante : {name}.",
        "missing required option: {name}.",
    ),
    "cli-usage-invalid": (
        "valeur invalide pour {param} : {detail}",
        "invalid value for {param}: {detail}",
    ),
    "cli-usage-not-a-choice": (
        "« {value} » : choisissez {choices}.",
        "'{value}': choose {choices}.",
    ),
    "cli-usage-not-integer": (
        "« {value} » n'est pas un nombre entier.",
        "'{value}' is not a whole number.",
    ),
    "cli-usage-not-number": ("« {value} » n'est pas un nombre.", "'{value}' is not a number."),
    "cli-usage-too-small": (
        "« {value} » est trop petit : {limit} au minimum.",
        "'{value}' is too small: {limit} at least.",
    ),
    "cli-usage-too-large": (
        "« {value} » est trop grand : {limit} au maximum.",
        "'{value}' is too large: {limit} at most.",
    ),
    "cli-usage-bad-value": ("« {value} » n'est pas accepté.", "'{value}' is not accepted."),
    "cli-usage-no-such-command": ("commande inconnue : {name}.", "no such command: {name}."),
    "cli-usage-extra-arguments": (
        "argument(s) en trop : {args}.",
        "unexpected extra argument(s): {args}.",
    ),
    "cli-usage-option-needs-value": (
        "l'option {option} attend une valeur.",
        "option {option} needs a value.",
    ),
    "cli-usage-option-takes-no-value": (
        "l'option {option} ne prend pas de valeur.",
        "option {option} takes no value.",
    ),
    "cli-usage-missing-command": ("commande manquante.", "missing command."),
    "cli-usage-format-not-written": (
        "achats {command} n'écrit pas de rapport {value} : choisissez {choices}.",
        "achats {command} does not write {value} reports: choose {choices}.",
    ),
    "cli-usage-pdf-needs-file": (
        "le format pdf demande un fichier : ajoutez -o rapport.pdf.",
        "the pdf format needs a file: add -o rapport.pdf.",
    ),
    "cli-usage-xlsx-needs-file": (
        "le format xlsx demande un fichier : ajoutez -o rapport.xlsx.",
        "the xlsx format needs a file: add -o rapport.xlsx.",
    ),
    "cli-usage-not-a-date": (
        "« {value} » : indiquez une date JJ/MM/AAAA ou AAAA-MM-JJ.",
        "'{value}': give a date as DD/MM/YYYY or YYYY-MM-DD.",
    ),
    "cli-usage-compare-nothing": (
        "donnez des rapports empreinte.json ou --config achats.yaml.",
        "give empreinte.json reports or --config achats.yaml.",
    ),
    "cli-error": ("Erreur : {message}", "Error: {message}"),
    "cli-interrupted": (
        "Interrompu : aucun rapport n'a été écrit.",
        "Interrupted: no report was written.",
    ),
    "cli-plan-written": (
        "Plan écrit : {path} — {plan:n1} tCO2e en {year} avec le plan, objectif {target}",
        "Plan written: {path} — {plan:n1} tCO2e in {year} with the plan, target {target}",
    ),
    "cli-plan-no-target": ("aucun", "none"),
    "cli-report-written": (
        "Rapport écrit : {path} — {emissions:n1} ± {uncertainty:n1} tCO2e{scope}",
        "Report written: {path} — {emissions:n1} ± {uncertainty:n1} tCO2e{scope}",
    ),
    "cli-scope-years": (
        " (somme des exercices {years})",
        " (sum of fiscal years {years})",
    ),
    "cli-scope-partial": (
        " — total partiel : annuité de l'exercice seule",
        " — partial total: this year's annuity only",
    ),
    "cli-clauses-written": (
        "Rapport écrit : {path} — {contracts} marchés",
        "Report written: {path} — {contracts} contracts",
    ),
    "cli-threshold-exceeded": ("Seuil dépassé : {message}", "Threshold exceeded: {message}"),
    "cli-strict-failed": (
        "--strict : {count} alerte(s), par exemple : {message}",
        "--strict: {count} warning(s), for example: {message}",
    ),
    "cli-created": ("créé : {path}", "created: {path}"),
    "cli-init-next": (
        "Remplissez les modèles, puis lancez : achats run --config {config}",
        "Fill in the templates, then run: achats run --config {config}",
    ),
    "cli-run-written": (
        "{count} fichier(s) écrit(s) dans {folder} ; journal : {log}",
        "{count} file(s) written in {folder}; log: {log}",
    ),
}
