"""Create a working folder: ``achats.yaml``, ledger and contract-register templates, LISEZMOI.

``create_workspace(folder, entity=…)`` writes four files a finance officer fills in and runs
``achats run`` on. Nothing is overwritten: if one of the files exists, nothing is written.
The ledger template's « Nature » drop-down lists the M57 2025 leaf accounts of classes 2 and 6
(``factors/nomenclatures/m57-2025-comptes-classes-2-6.csv``, see its README).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from achats_durables.core.errors import AchatsError, ConfigError, Location
from achats_durables.operations.workspace_activities import ACTIVITY_NAME, activity_workbook
from achats_durables.operations.workspace_sheets import (
    LEDGER_COLUMNS,
    PROCEDURES,
    REGISTER_COLUMNS,
    ledger_workbook,
    m57_accounts,
    register_workbook,
    save_workbook,
)
from achats_durables.writers import write_bytes

CONFIG_NAME = "achats.yaml"
REGISTER_NAME = "registre-marches.xlsx"
README_NAME = "LISEZMOI.txt"

CONFIG_TEMPLATE = """\
# achats.yaml — configuration de l'empreinte carbone des achats et du suivi des clauses
# Les lignes (ou fins de ligne) qui commencent par « # » sont des commentaires.
# Les chemins sont relatifs au dossier de ce fichier. Détails : LISEZMOI.txt.
output: rapports                 # dossier des rapports (relatif à ce fichier)
default_vat_rate: 0.20           # taux de TVA des montants TTC sans taux
max_unmapped: 5                  # % de dépense non affectée toléré (au-delà : code de sortie 1)
# entities : les collectivités ou budgets dont les dépenses sont dans le grand livre
# (name : nom écrit dans la colonne « Entité » du grand livre et du registre).
entities:
  - name: {entity}
    siren: "{siren}"           # SIREN de l'entité (9 chiffres){siren_note}
    # siret: "…"                 # SIRET de l'acheteur (14 chiffres) : exigé par la déclaration AGEC
group_sirens: []                 # SIREN des entités dont les flux entre elles sont internes
# years : pour chaque exercice, les grands livres et les registres des marchés à lire.
years:
  {year}:
    ledgers: ["grand-livre-{year}.xlsx"]       # chemins ou motifs (*.xlsx)
    contracts: ["registre-marches.xlsx"]       # registres des marchés (xlsx, csv) ou DECP (json)
mappings: []                     # règles locales (voir achats factors rules)
activities: activites.xlsx       # quantités (déchets, repas, kWh, litres) qui remplacent les ratios
columns: {{}}                      # en-têtes inhabituels : {{amount_incl_vat: "Mt facturé"}}
# agec : économie circulaire (achats agec, loi AGEC art. 58) ; à décommenter au besoin.
# agec:
#   reuse_suppliers: []          # SIREN de vos fournisseurs de réemploi (ressourceries…)
#   gifts: []                    # dons reçus : {{year, category, amount, source}}
#   targets: []                  # cibles à compléter : {{category, year, reuse, recycled, source}}
# targets : les objectifs auxquels les rapports comparent les résultats.
targets:
  social: 0.30                   # PNAD : part des marchés avec considération sociale
  environmental: 1.0             # PNAD : part avec considération environnementale
  spaser_threshold_eur: 50000000 # seuil du SPASER (D. 2111-3)
  # pcaet : trajectoire de l'empreinte des achats fixée par le plan climat (PCAET)
  pcaet:
    base_year: {year}              # année de référence du plan climat
    yearly_reduction: 0.04       # baisse visée par an (4 %)
    target_year: {target_year}             # année où l'objectif doit être atteint
"""

README_TEMPLATE = """\
ACHATS DURABLES — {entity} — exercice {year}
{rule}

Ce dossier sert à calculer l'empreinte carbone des achats et la part des marchés avec
une clause sociale ou environnementale.

1. Remplir grand-livre-{year}.xlsx : une ligne par ligne de mandat de dépense de
   l'exercice (classes 2 et 6), montants TTC comme mandatés, avoirs en négatif.
   La feuille « Instructions » du classeur explique chaque colonne.
   Un export du logiciel financier (xlsx, csv) convient aussi : indiquez-le dans
   achats.yaml (years > {year} > ledgers).
2. Remplir registre-marches.xlsx : une ligne par marché ou par lot.
   Si possible, remplir activites.xlsx : les quantités connues (tonnages de déchets,
   repas servis, kWh, litres de carburant) et la dépense que chacune remplace ; la
   feuille « Instructions » dit où les trouver. Un fichier vide ne change rien.
3. Relire achats.yaml (SIREN, objectifs) : chaque clé y est expliquée.
4. Lancer, dans ce dossier :
       achats run --config achats.yaml
   Les rapports sont écrits dans le dossier rapports/ (classeur Excel, CSV, JSON).
   Pour vérifier d'abord la lecture du grand livre :
       achats validate grand-livre-{year}.xlsx
5. L'année suivante, ajouter l'exercice dans achats.yaml (years), puis comparer :
       achats compare --config achats.yaml

Statuts d'une ligne dans les rapports : affectée (comptée dans l'empreinte),
non affectée (aucune règle : à compléter par une règle locale), exclue (hors achats :
personnel, impôts, subventions, flux internes…), rejetée (montant illisible),
ignorée (ligne vide, titre, total).
"""


def create_workspace(
    folder: Path | str, *, entity: str, siren: str | None = None, year: int | None = None
) -> list[Path]:
    """Write achats.yaml, the ledger and register templates and LISEZMOI.txt in ``folder``.

    Returns the paths written. Raises :class:`ConfigError` (``workspace-exists``) without
    writing anything if one of them already exists, and on an invalid SIREN, year or entity.
    """
    folder = Path(folder)
    entity = " ".join(str(entity).split())
    if not entity:
        raise ConfigError("workspace-bad-entity")
    siren_digits = "".join(str(siren or "").split())
    if siren is not None and not (
        len(siren_digits) == 9 and siren_digits.isascii() and siren_digits.isdigit()
    ):
        raise ConfigError("workspace-bad-siren", value=siren)
    if year is None:
        year = dt.date.today().year - 1
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ConfigError("workspace-bad-year", value=year)
    if folder.exists() and not folder.is_dir():
        raise ConfigError("workspace-not-a-folder", Location(str(folder)))
    names = (CONFIG_NAME, f"grand-livre-{year}.xlsx", REGISTER_NAME, ACTIVITY_NAME, README_NAME)
    paths = [folder / n for n in names]
    existing = [p.name for p in paths if p.exists() or p.is_symlink()]
    if existing:
        raise ConfigError(
            "workspace-exists",
            Location(str(folder)),
            files=", ".join(f"« {n} »" for n in existing),
        )
    contents = (
        config_text(entity, siren_digits, year).encode("utf-8"),
        save_workbook(ledger_workbook(entity, year)),
        save_workbook(register_workbook(entity)),
        save_workbook(activity_workbook(entity, year)),
        README_TEMPLATE.format(entity=entity, year=year, rule="=" * 60).encode("utf-8"),
    )
    written: list[Path] = []
    try:
        for path, data in zip(paths, contents, strict=True):
            write_bytes(path, data)
            written.append(path)
    except AchatsError:
        for path in written:  # all or nothing
            path.unlink(missing_ok=True)
        raise
    return written


def config_text(entity: str, siren: str, year: int) -> str:
    """The commented achats.yaml (``siren`` may be empty: it is then to be filled in)."""
    return CONFIG_TEMPLATE.format(
        entity=json.dumps(entity, ensure_ascii=False),  # a JSON string is a YAML string
        siren=siren,
        siren_note="" if siren else " : à compléter",
        year=year,
        target_year=2030 if year < 2030 else year + 5,
    )


__all__ = [
    "LEDGER_COLUMNS",
    "PROCEDURES",
    "REGISTER_COLUMNS",
    "config_text",
    "create_workspace",
    "ledger_workbook",
    "m57_accounts",
    "register_workbook",
]
