"""The English help of every command (``--lang en`` or ``ACHATS_LANG=en``).

The French help is the code itself: each command's docstring and each option's ``help=``. This
catalogue holds their English translations, keyed by command path (``""`` for ``achats`` itself,
``"factors list"``) and by parameter name, either ``"command:param"`` or just ``"param"`` when the
translation serves every command. ``tests/test_help.py`` checks that nothing is left untranslated.
"""

from __future__ import annotations

COMMANDS: dict[str, str] = {
    "": (
        "Sustainable purchasing: carbon footprint of public purchases (ADEME monetary ratios) "
        "and tracking of social and environmental clauses.\n\n"
        "Start with: achats footprint grand-livre.xlsx"
    ),
    "footprint": """Carbon footprint of an expense ledger (ADEME Base Carbone V23.6 monetary ratios).

    Each line gets a status (mapped, unmapped, excluded, rejected, skipped); the total, its
    uncertainty and the reconciliation with the ledger, to the cent, are shown.

    Examples:

      achats footprint grand-livre-2025.xlsx

      achats footprint grand-livre-2025.xlsx -o empreinte-2025.xlsx

      achats footprint export.csv --year 2025 --format json > empreinte.json
    """,
    "validate": """Check how a ledger is read, without computing emissions.

    Shows the detected format (encoding, delimiter, sheets), each recognised column, the skipped
    and rejected lines with their location, and the reconciliation of amounts by status.

    Example:

      achats validate grand-livre-2025.xlsx
    """,
    "explain": """Explain the computation of one ledger line.

    The line as read, the winning rule and the other candidates, the factor, the euro-year, the
    price index and the arithmetic.

    Example:

      achats explain grand-livre-2025.xlsx --row 14
    """,
    "clauses": """Coverage of social and environmental clauses in contracts, and where to act first.

    PNAD, loi Climat et résilience and SPASER targets; with the ledger (--ledger), the spend and
    emissions under contracts with or without a clause, and the priorities.

    Examples:

      achats clauses registre-marches.xlsx

      achats clauses registre-marches.xlsx --ledger grand-livre-2025.xlsx -o clauses.xlsx

      achats clauses decp.json --buyer 21410018200012 --year 2025 --format json

      achats clauses decp.json --entity 214100182 --ledger grand-livre-2025.xlsx
    """,
    "init": """Create a working folder for a local authority, with templates to fill in.

    A commented achats.yaml, a ledger template (lists of M57 accounts and VAT rates,
    « Instructions » sheet), a contracts register template and an activity-data template
    (waste tonnages, meals, kWh, litres, with lists of the physical factors and units).

    Never replaces an existing file.

    Example:

      achats init vineuil --entity "Commune de Vineuil" --siren 214102696
    """,
    "run": """Produce every report of the configuration (scheduled task).

    Each entity and the consolidated group, for each fiscal year, footprint and clauses, plus a
    summary.json and a log.

    Made for a scheduled task: stable exit codes, no colour outside a terminal, a lock against
    two simultaneous runs, reports written atomically.

    Example:

      achats run --config achats.yaml

      crontab: 30 2 * * * cd /srv/achats && achats run --config achats.yaml --quiet
    """,
    "compare": """Compare fiscal years or entities and explain the change in emissions.

    Emissions side by side, change split into volume effect (spend), factor effect and scope
    effect, PCAET trajectory, clause targets.

    Examples:

      achats compare rapports/2024/groupe/empreinte.json rapports/2025/groupe/empreinte.json

      achats compare --config achats.yaml -o comparaison.xlsx
    """,
    "plan": """The action plan's trajectory: without the plan, with the plan, targets, year by year.

    Starts from the base year's footprint (the ledgers of achats.yaml), applies the plan's
    actions (effect, ramp-up, contract renewals) up to the horizon, compares with the targets
    and, for the later years already in achats.yaml, with the actual footprint.

    Examples:

      achats plan plan.yaml --config achats.yaml

      achats plan --config achats.yaml -o plan.xlsx

      achats plan --draft --config achats.yaml -o plan.yaml
    """,
    "agec": """Circular economy (AGEC law art. 58): purchases from reuse or with recycled material, by category.

    For each of the 17 product categories of décret n° 2024-134: the year's spend excl. VAT,
    the share from reuse and re-use (gifts included) and the share integrating recycled
    material, against the year's targets. -o declaration.csv writes the declaration in the
    official format (data.gouv schema), checked before it is written.

    Examples:

      achats agec grand-livre-2025.xlsx --config achats.yaml

      achats agec --config achats.yaml --year 2025 -o declaration-agec-2025.csv

      achats agec --check declaration-agec-2025.csv
    """,
    "factors": "Emission factor sets and mapping rules: list, show, check.",
    "factors list": """List the emission factors, monetary and physical, with their Base Carbone id.

    Monetary ratios are in kgCO2e per k€ excl. VAT, physical factors per tonne, kWh, litre, meal…

    Example:

      achats factors list --kind physical
    """,
    "factors show": """Show a factor (values by year, Base Carbone identifiers, source) or a rule.

    Example:

      achats factors show naf-C17
    """,
    "factors rules": """List the mapping rules (account, CPV, label → factor or exclusion).

    With --propositions: what the finance team has to confirm, with each rule's reason; a
    confirmed rule is added to « validated: » in achats.yaml (--config). With --agec: the
    rules that put lines in the 17 categories of the AGEC declaration.

    Examples:

      achats factors rules --propositions --config achats.yaml

      achats factors rules --agec
    """,
    "factors check": """Check the factor sets, the price index and the rules (structure, references, duplicates).

    The rules are also checked against the shipped M57 and M14 nomenclatures: every leaf
    account of classes 2 and 6 reached by a rule, account labels as in the nomenclatures,
    known status, the reason of every approximation.

    Exit code 0 if everything is consistent, 3 otherwise, with the file and key at fault.

    Example:

      achats factors check --mapping regles-locales.yaml
    """,
}

PARAMS: dict[str, str] = {
    "plan:plan": "Action plan (plan.yaml). Default: plan of achats.yaml.",
    "plan:draft": (
        "Write a first plan.yaml from the priorities (categories bought without an "
        "environmental consideration, their contracts and end dates), effects to estimate."
    ),
    "plan:year": "With --draft: the base year (default: the last fiscal year of achats.yaml).",
    "plan:horizon": (
        "With --draft: the plan's horizon (default: the PCAET end year of achats.yaml, else 5 years)."
    ),
    "factors rules:agec": (
        "The category rules of the AGEC art. 58 declaration (account, CPV, label → product "
        "category) instead of the mapping rules."
    ),
    "agec:ledgers": (
        "The year's ledger(s): .xlsx, .xls, .ods or .csv (default: those of the year --year in "
        "achats.yaml)."
    ),
    "agec:year": "Calendar year declared (default: the lines' year, if there is only one).",
    "agec:contracts": (
        "Contract register with 'Réemploi' / 'Matières recyclées' columns (repeatable; added to "
        "the registers of achats.yaml)."
    ),
    "agec:rules": "Local category rules, taking precedence over the shipped rules (repeatable).",
    "agec:categories": "List the decree's 17 categories and their known targets, then exit.",
    "agec:check": (
        "Check a declaration (CSV or xlsx) against the official schema before filing it: SIRET, "
        "categories, amounts."
    ),
    # shared options
    "ledgers": "Expense ledger(s): .xlsx, .xls, .ods or .csv.",
    "config": "achats.yaml configuration file (entities, default VAT, local rules).",
    "factors": "YAML factor set to use instead of the shipped factors (repeatable).",
    "mapping": "Local mapping rules file, taking precedence over the shipped rules (repeatable).",
    "sheet": "Read only this sheet of the workbook.",
    "year": "Fiscal year to keep (lines of another year are set aside and counted).",
    "entity": "Keep one entity only, by name or SIREN (other lines are set aside and counted).",
    "output": "Report file (.xlsx, .csv, .json, .html or .pdf); without it, the report is shown.",
    "fmt": "table, xlsx, csv, json, html or pdf (default: from the extension of -o, else table).",
    "agec:output": "Report file (.xlsx, .csv or .json); without it, the report is shown.",
    "agec:fmt": "table, xlsx, csv or json (default: from the extension of -o, else table).",
    "compare:output": "Report file (.xlsx, .csv or .json); without it, the report is shown.",
    "compare:fmt": "table, xlsx, csv or json (default: from the extension of -o, else table).",
    "lang": "Language of the messages: fr or en.",
    "strict": "Exit code 1 if the report has warnings (rejected lines, unmapped spend…).",
    "quiet": "Show errors only.",
    "debug": "Show the full traceback on an internal error.",
    "version": "Show the version and exit.",
    # footprint
    "footprint:amortisation": (
        "Spread the emissions of capital goods (class 2) over this number of years (a BEGES "
        "option) instead of counting everything in the year of acquisition."
    ),
    "footprint:max_unmapped": (
        "Largest share of spend not counted (unmapped + energy to quantify): 0.05, 5 or '5 %' "
        "for 5 % (a value ≥ 1 is a percentage, 100 = 100 %); above it, exit code 1. Overrides "
        "max_unmapped of achats.yaml."
    ),
    "footprint:suppliers": (
        "File of supplier-specific intensities (fournisseurs.yaml, .xlsx or .csv: SIREN, kgCO2e "
        "per k€ excl. VAT or per unit delivered, year, scope boundary, source, uncertainty), used "
        "ahead of the sector ratios. Overrides suppliers of achats.yaml."
    ),
    "footprint:activities": (
        "Activity-data file (activites.xlsx or .csv: year, entity, physical factor, quantity, "
        "unit, source, contract/account/supplier covered): each quantity is counted with its "
        "physical factor and replaces the spend it covers. Repeatable. Overrides activities of "
        "achats.yaml."
    ),
    "footprint:population": (
        "Population file (communes.csv: SIREN or name of the commune, population): for a ledger "
        "or a balance of several communes, each one is compared with the median of the others, "
        "per inhabitant."
    ),
    "footprint:monte_carlo": (
        "Number of Monte Carlo draws for an interval (0: analytical computation only)."
    ),
    "footprint:seed": "Seed of the Monte Carlo draws (reproducible result).",
    # validate, explain
    "validate:fmt": "table or json (default: table).",
    "explain:fmt": "table or json (default: table).",
    "explain:ledger": "Expense ledger.",
    "explain:row": "Row number as the spreadsheet shows it.",
    "explain:suppliers": (
        "File of supplier-specific intensities (fournisseurs.yaml, .xlsx or .csv: SIREN, kgCO2e "
        "per k€ excl. VAT or per unit delivered, year, scope boundary, source, uncertainty), used "
        "ahead of the sector ratios. Overrides suppliers of achats.yaml."
    ),
    "explain:activities": (
        "Activity-data file (activites.xlsx or .csv: year, entity, physical factor, quantity, "
        "unit, source, contract/account/supplier covered): each quantity is counted with its "
        "physical factor and replaces the spend it covers. Repeatable. Overrides activities of "
        "achats.yaml."
    ),
    # clauses
    "clauses:contracts": "Contracts register (.xlsx, .ods, .csv) or essential data DECP (.json, .csv).",
    "clauses:ledger": "Ledger to join to the contracts by contract number (repeatable).",
    "clauses:buyer": "Keep only the contracts of one buyer (SIRET or SIREN).",
    "clauses:year": "Notification year of the contracts to keep.",
    "clauses:entity": (
        "Keep only the contracts of one buyer, by name (ignoring case and accents) or by SIREN "
        "(9 digits) or SIRET (14 digits): « acheteur.id » of the DECP, buyer SIRET column of the "
        "register. The ledger (--ledger) is filtered the same way."
    ),
    "clauses:since": "Contracts notified from this date (DD/MM/YYYY or YYYY-MM-DD).",
    # init
    "init:folder": "Working folder to create for the local authority.",
    "init:entity": "Name of the local authority, for example « Commune de Vineuil ».",
    "init:siren": "SIREN of the local authority (9 digits).",
    "init:year": "Fiscal year of the templates (default: last year).",
    # run
    "run:config": "achats.yaml configuration file.",
    "run:year": "Process only this fiscal year (repeatable).",
    "run:no_xlsx": "Write only the JSON and CSV reports (faster).",
    # compare
    "compare:reports": "empreinte.json reports to compare, in order.",
    "compare:entity": "With --config: one entity instead of the group.",
    # factors
    "factors list:year": "Euro-year of the ratios shown.",
    "factors list:kind": "Only the monetary ratios (monetary) or the physical factors (physical).",
    "factors show:name": "Identifier of a factor (e.g. naf-C17) or of a rule (e.g. m57-6064).",
    "factors rules:propositions": "Only the rules « to validate » (status proposition, not confirmed in achats.yaml).",
    "factors rules:proxies": "Only the proxies (sectors without a ratio).",
    "factors rules:exclusions": "Only the exclusions from the scope.",
}

# French metavars (and Typer's own words) → English.
METAVARS: dict[str, str] = {
    "GRAND-LIVRE…": "LEDGER…",
    "GRAND-LIVRE": "LEDGER",
    "MARCHÉS…": "CONTRACTS…",
    "RAPPORT…": "REPORT…",
    "DOSSIER": "FOLDER",
    "IDENTIFIANT": "ID",
    "monetary|physical": "monetary|physical",
    "FICHIER": "FILE",
    "FEUILLE": "SHEET",
    "ANNÉE": "YEAR",
    "ANNÉES": "YEARS",
    "ENTITÉ": "ENTITY",
    "NOM": "NAME",
    "PART": "SHARE",
    "LIGNE": "ROW",
    "TEXTE": "TEXT",
    "NOMBRE": "NUMBER",
    "VALEUR": "VALUE",
    "COMMANDE [ARGUMENTS]…": "COMMAND [ARGS]…",
    "PLAN": "PLAN",
    "DÉCLARATION": "DECLARATION",
}


def command_help(path: str) -> str | None:
    """The English help of the command at ``path`` (``""``, ``"footprint"``, ``"factors list"``)."""
    return COMMANDS.get(path)


def param_help(path: str, name: str) -> str | None:
    """The English help of parameter ``name`` of the command at ``path``."""
    return PARAMS.get(f"{path}:{name}", PARAMS.get(name))
