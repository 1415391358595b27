"""The workbooks of a new working folder: the ledger and contract-register templates.

Each has a table sheet with drop-down lists, a hidden sheet of lists and an « Instructions »
sheet. The ledger template's « Nature » list holds the M57 2025 leaf accounts of classes 2 and 6
(``factors/nomenclatures/m57-2025-comptes-classes-2-6.csv``, see its README).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from achats_durables.contracts.decp import ENUMS
from achats_durables.contracts.model import (
    ENVIRONMENTAL_VALUES,
    SOCIAL_VALUES,
)
from achats_durables.core.errors import FactorError, Location
from achats_durables.knowledge.factors import factors_dir

NOMENCLATURE = Path("nomenclatures") / "m57-2025-comptes-classes-2-6.csv"
VAT_RATES = (0.0, 0.021, 0.055, 0.10, 0.20)
SOCIAL_CHOICES = ("Pas de considération sociale", *SOCIAL_VALUES, "Clause sociale | Critère social")
ENVIRONMENTAL_CHOICES = (
    "Pas de considération environnementale",
    *ENVIRONMENTAL_VALUES,
    "Clause environnementale | Critère environnemental",
)
PROCEDURES = ENUMS["marche"]["procedure"]
DATE, MONEY, RATE, TEXT, INT = "DD/MM/YYYY", "#,##0.00", "0.0%", "@", "0"

# header, width, number format, help (Instructions sheet and drop-down prompt, ≤ 255 chars)
Columns = Sequence[tuple[str, int, str, str]]
LEDGER_COLUMNS: Columns = (
    ("Exercice", 10, INT, "Année budgétaire de la dépense (ex. 2025)."),
    ("Entité", 24, TEXT, "Collectivité ou budget qui paie (liste déroulante)."),
    ("N° mandat", 12, TEXT, "Numéro du mandat (facultatif, utile pour retrouver une ligne)."),
    ("Date mandat", 13, DATE, "Date d'émission du mandat, au format JJ/MM/AAAA."),
    (
        "Nature",
        10,
        TEXT,
        "Compte par nature M57 (6064, 21838…), sans chapitre ni fonction ; libellés dans la "
        "feuille « Comptes M57 ». Un autre compte (M14, M4x) est accepté après l'avertissement.",
    ),
    ("Fonction", 10, TEXT, "Code fonction (facultatif, ex. 020)."),
    ("Libellé", 40, TEXT, "Objet de la dépense, tel que sur le mandat."),
    ("Fournisseur", 28, TEXT, "Raison sociale du tiers payé."),
    ("SIRET", 17, TEXT, "SIRET du fournisseur (14 chiffres, facultatif)."),
    ("Montant HT", 14, MONEY, "Montant hors taxes, si la facture le donne."),
    ("Taux TVA", 10, RATE, "Taux de TVA de la ligne (liste : 0 %, 2,1 %, 5,5 %, 10 %, 20 %)."),
    ("Montant TTC", 14, MONEY, "Montant mandaté toutes taxes comprises (avoir : en négatif)."),
    ("N° marché", 14, TEXT, "N° du marché, comme dans le registre des marchés (facultatif)."),
    ("Code CPV", 13, TEXT, "Code CPV de l'achat (facultatif, 8 chiffres, ex. 30192700-8)."),
)
REGISTER_COLUMNS: Columns = (
    ("N° marché", 14, TEXT, "Numéro du marché ou du lot, repris dans le grand livre."),
    ("Entité", 24, TEXT, "Acheteur (liste déroulante)."),
    ("SIRET acheteur", 17, TEXT, "SIRET de l'acheteur (14 chiffres)."),
    ("Objet", 40, TEXT, "Objet du marché."),
    ("Code CPV", 13, TEXT, "Code CPV principal (8 chiffres)."),
    ("Montant HT", 15, MONEY, "Montant notifié HT (ou maximum de l'accord-cadre)."),
    ("Date de notification", 14, DATE, "Date de notification, JJ/MM/AAAA."),
    ("Durée (mois)", 10, INT, "Durée totale en mois, reconductions comprises."),
    ("Date de fin", 13, DATE, "Date de fin prévue (sinon calculée avec la durée)."),
    ("Procédure", 30, TEXT, "Procédure de passation (liste des DECP)."),
    ("Considérations sociales", 30, TEXT, "Clause, critère, marché réservé, ou « Pas de »."),
    ("Considérations environnementales", 34, TEXT, "Clause, critère, ou « Pas de »."),
    ("Heures d'insertion prévues", 12, INT, "Heures d'insertion prévues au marché."),
    ("Heures d'insertion réalisées", 12, INT, "Heures d'insertion réalisées à ce jour."),
    ("Titulaire", 28, TEXT, "Raison sociale du titulaire."),
    ("SIRET titulaire", 17, TEXT, "SIRET du titulaire (14 chiffres)."),
    (
        "Réemploi",
        11,
        TEXT,
        "Loi AGEC art. 58 : part du marché en biens issus du réemploi ou de la réutilisation "
        "(oui, non ou une part : 30 %). Lu par achats agec.",
    ),
    (
        "Matières recyclées",
        12,
        TEXT,
        "Loi AGEC art. 58 : part du marché en biens intégrant des matières recyclées (oui, non "
        "ou une part : 40 %). Lu par achats agec.",
    ),
)
_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="2E6B4F")
_WRAP = Alignment(wrap_text=True, vertical="top")


def m57_accounts() -> list[tuple[str, str, str]]:
    """(code, libellé, classe) of the M57 2025 leaf accounts of classes 2 and 6."""
    path = factors_dir() / NOMENCLATURE
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [(r["code"], r["libelle"], r["classe"]) for r in csv.DictReader(fh)]
    except (OSError, KeyError) as exc:
        raise FactorError("nomenclature-unreadable", Location(str(path)), detail=str(exc)) from exc
    if not rows:
        raise FactorError("nomenclature-unreadable", Location(str(path)), detail="fichier vide")
    return rows


def ledger_workbook(entity: str, year: int) -> Workbook:
    accounts = m57_accounts()
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Grand livre"
    _table_sheet(ws, LEDGER_COLUMNS)
    lists: dict[str, Sequence[str | float]] = {"Entité": [entity], "Taux TVA": VAT_RATES}
    _validations(ws, LEDGER_COLUMNS, lists)
    _validation(ws, LEDGER_COLUMNS, "Nature", f"'Comptes M57'!$A$2:$A${len(accounts) + 1}")
    texts = [(topic, text.format(year=year)) for topic, text in LEDGER_TEXT]
    _instructions(wb, f"Grand livre des achats {year} — {entity}", LEDGER_COLUMNS, texts)
    chart = wb.create_sheet("Comptes M57")
    _table_sheet(
        chart, (("Code", 10, TEXT, ""), ("Libellé", 90, TEXT, ""), ("Classe", 8, TEXT, ""))
    )
    for row in accounts:
        chart.append(list(row))
    for cell in _lists_sheet(wb, lists)["B"][1:]:
        cell.number_format = RATE
    return wb


def register_workbook(entity: str) -> Workbook:
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Marchés"
    _table_sheet(ws, REGISTER_COLUMNS)
    lists: dict[str, Sequence[str | float]] = {
        "Entité": [entity],
        "Procédure": PROCEDURES,
        "Considérations sociales": SOCIAL_CHOICES,
        "Considérations environnementales": ENVIRONMENTAL_CHOICES,
    }
    _validations(ws, REGISTER_COLUMNS, lists)
    _instructions(wb, f"Registre des marchés — {entity}", REGISTER_COLUMNS, REGISTER_TEXT)
    _lists_sheet(wb, lists)
    return wb


def _table_sheet(ws: Worksheet, columns: Columns) -> None:
    """Header row (styled, frozen, filtered), column widths and column number formats."""
    ws.append([c[0] for c in columns])
    for i, (_, width, fmt, _) in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        dim = ws.column_dimensions[letter]
        dim.width = width
        dim.number_format = fmt  # applies to the cells typed later in the column
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"


def _lists_sheet(wb: Workbook, lists: dict[str, Sequence[str | float]]) -> Worksheet:
    """A hidden sheet « Listes »: one column per drop-down, title in row 1."""
    ws: Worksheet = wb.create_sheet("Listes")
    for col, (title, values) in enumerate(lists.items(), start=1):
        ws.cell(row=1, column=col, value=title).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            cell = ws.cell(row=row, column=col, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a name, never a formula
        ws.column_dimensions[get_column_letter(col)].width = 40
    ws.sheet_state = "hidden"
    return ws


def _validations(ws: Worksheet, columns: Columns, lists: dict[str, Sequence[str | float]]) -> None:
    """Drop-downs on the columns named like the lists (same order as in « Listes »)."""
    for col, (header, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        _validation(ws, columns, header, f"Listes!${letter}$2:${letter}${len(values) + 1}")


def _validation(ws: Worksheet, columns: Columns, header: str, formula: str) -> None:
    """A drop-down list on the column ``header`` (warning only: other values stay possible)."""
    index = next(i for i, c in enumerate(columns, start=1) if c[0] == header)
    letter = get_column_letter(index)
    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showDropDown=False,  # False shows the arrow (the OOXML attribute is inverted)
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Valeur hors liste",
        error="Cette valeur n'est pas dans la liste. Conserver quand même ?",
        showInputMessage=True,
        promptTitle=header[:32],
        prompt=columns[index - 1][3][:255],
    )
    dv.add(f"{letter}2:{letter}1048576")
    ws.add_data_validation(dv)


def _instructions(
    wb: Workbook,
    title: str,
    columns: Columns,
    sections: Sequence[tuple[str, str]],
) -> None:
    """The « Instructions » sheet: title, what each column holds, then topic paragraphs."""
    ws = wb.create_sheet("Instructions")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 100
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append(["Colonne à remplir", "Ce qu'elle contient"])
    for cell in ws[3]:
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
    for header, _, _, text in columns:
        ws.append([header, text])
    ws.append([])
    for topic, text in sections:
        ws.append([topic, text])
        row = ws.max_row
        ws.cell(row=row, column=1).font = Font(bold=True)
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = _WRAP


def save_workbook(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


LEDGER_TEXT: tuple[tuple[str, str], ...] = (
    (
        "Ce qu'il faut saisir",
        "Une ligne par ligne de mandat de dépense de l'exercice (comptes des classes 2 et 6), "
        "dans la feuille « Grand livre », sous les en-têtes. Ne renommez pas les en-têtes. "
        "On peut coller un export du logiciel financier (collage spécial « valeurs »).",
    ),
    (
        "HT ou TTC",
        "Dans un budget M57 ou M14, la collectivité ne récupère pas la TVA : saisissez le "
        "« Montant TTC » mandaté et, si vous le connaissez, le « Taux TVA ». Si la facture donne "
        "le « Montant HT » (budgets annexes M4x : eau, assainissement, transports), saisissez-le : "
        "il est alors utilisé tel quel. Sans HT ni taux, le TTC est converti avec le taux de la "
        "catégorie d'achat, sinon avec default_vat_rate (achats.yaml).",
    ),
    (
        "Avoirs, annulations",
        "En négatif (ex. -120,50) : ils diminuent la dépense et l'empreinte de leur catégorie.",
    ),
    (
        "Comptes (Nature)",
        "Le compte par nature seul (6064, 21838), sans chapitre ni fonction. La liste déroulante "
        "propose les comptes feuilles des classes 2 et 6 du plan M57 2025 ; leurs libellés sont "
        "dans la feuille « Comptes M57 ». Les comptes de personnel (64), impôts (63), "
        "subventions (65, 204), charges financières (66) et dotations (68) sont lus mais exclus "
        "de l'empreinte, avec leur motif.",
    ),
    (
        "Code CPV",
        "Facultatif. Il précise la catégorie d'achat quand le compte est général (611, 6188…).",
    ),
    (
        "N° marché",
        "Facultatif. Le même numéro que dans registre-marches.xlsx : il rattache la dépense à "
        "son marché et à ses clauses sociales et environnementales.",
    ),
    (
        "Lancer le calcul",
        "Dans le dossier de travail : achats run --config achats.yaml. Les rapports sont écrits "
        "dans le dossier « rapports ». Pour vérifier la lecture du fichier sans rien calculer : "
        "achats validate grand-livre-{year}.xlsx.",
    ),
    (
        "Statuts des lignes",
        "affectée : comptée dans l'empreinte ; non affectée : aucune règle ne s'applique, ajoutez "
        "une règle locale (mappings) ; exclue : hors achats (personnel, impôts, subventions, "
        "emprunts, énergie, flux internes), avec le motif ; rejetée : montant absent ou "
        "illisible ; ignorée : ligne vide, titre, total.",
    ),
)

REGISTER_TEXT: tuple[tuple[str, str], ...] = (
    (
        "Ce qu'il faut saisir",
        "Une ligne par marché notifié (une ligne par lot pour un marché alloti), dans la feuille "
        "« Marchés », sous les en-têtes. Ne renommez pas les en-têtes.",
    ),
    (
        "Considérations",
        "Clause sociale ou environnementale : condition d'exécution du marché. Critère : critère "
        "d'attribution. Marché réservé : réservé aux structures d'insertion ou du handicap. "
        "Plusieurs valeurs : séparez-les par « | » (ex. Clause sociale | Critère social). "
        "« Pas de considération » compte comme renseigné ; une cellule vide, non.",
    ),
    (
        "Heures d'insertion",
        "Heures de travail confiées à des personnes en insertion (clause sociale) : prévues au "
        "marché et réalisées à ce jour. Le rapport les convertit en équivalents temps plein.",
    ),
    (
        "Lien avec le grand livre",
        "Le « N° marché » doit être écrit comme dans la colonne « N° marché » du grand livre.",
    ),
    (
        "Lancer le calcul",
        "Dans le dossier de travail : achats run --config achats.yaml (ou achats clauses "
        "registre-marches.xlsx). Les rapports sont écrits dans le dossier « rapports » : part "
        "des marchés avec considération sociale et environnementale, objectifs du PNAD.",
    ),
)


__all__ = [
    "LEDGER_COLUMNS",
    "PROCEDURES",
    "REGISTER_COLUMNS",
    "ledger_workbook",
    "m57_accounts",
    "register_workbook",
    "save_workbook",
]
