"""Hélios PES V2 ``PES_Aller`` holding a ``PES_DepenseAller`` (bordereaux de mandats).

One frame row per ``LigneDePiece`` (numbered by its 1-based ordinal in the file), in a single
:class:`RawTable`. Fields:

* ``InfoLignePce``: ``Nature`` → account, ``Fonction`` → function, ``LibVir1`` + ``LibVir2`` →
  label (else the piece's ``Obj``), ``MtHT`` → amount excl. VAT, ``MtTVA`` → VAT amount;
  ``LiensIdent/IdMarche`` → contract reference.
* ``Tiers/InfoTiers`` of the line (else the single ``Tiers`` shared by the other lines of the
  piece): ``Nom`` → supplier; ``IdTiers`` → supplier SIRET when ``NatIdTiers`` is 01 (SIRET) or
  02 (SIREN), or is absent and ``IdTiers`` has 9 or 14 digits.
* ``BlocBordereau``: ``Exer`` → year, ``DteBordEm`` → date (else the piece's ``DteEch``);
  ``InfoPce/IdPce`` → document; ``EnTetePES``: ``LibelleColBud`` (else ``CodCol``) → entity,
  ``IdColl`` → entity_id and meta siret.

Credit notes: the PES keeps amounts positive and gives the direction by the bordereau and piece
types. Lines of an annulation/réduction bordereau (``TypBord`` 02) or of a piece of nature
annulation-réduction (``NatPce`` 06) or annulation of a rattachement mandat (``NatPce`` 10) are
read with negative ``MtHT`` and ``MtTVA``. ``NatPce`` 09 (mandat annulant un titre) stays
positive: it is an outflow.

Per the XSD, ``MtHT`` is « montant HT ou TTC si TVA non remplie »: without ``MtTVA`` the amount
may be TTC (exempt or non-VAT spending such as subsidies); it is read as HT all the same.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from achats_durables.i18n.messages import Text
from achats_durables.ledger.formats.totem import build_table, section_of
from achats_durables.ledger.formats.xmlio import (
    amount_cell,
    check_root,
    child,
    child_value,
    declared_encoding,
    iter_xml,
    local,
    no_lines,
    root_pattern,
    values_of,
)
from achats_durables.ledger.tabular import RawTable

FORMAT = "pes"
SHEET = "Mandats (LigneDePiece)"
_ROOT = root_pattern("PES_Aller")
_DEPENSE = root_pattern("PES_DepenseAller")
CREDIT_TYPBORD = frozenset({"02"})
CREDIT_NATPCE = frozenset({"06", "10"})
SIRET_NATID = frozenset({"01", "02"})
_ID_DIGITS = re.compile(r"\d{9}|\d{14}")


def sniff(path: Path, head: bytes) -> bool:
    """A PES V2 aller file with a dépense domain."""
    return _ROOT.search(head) is not None and _DEPENSE.search(head) is not None


def _siret(info: dict[str, str]) -> str | None:
    ident = info.get("IdTiers", "").replace(" ", "")
    if not ident:
        return None
    nat = info.get("NatIdTiers", "")
    if nat in SIRET_NATID or (not nat and _ID_DIGITS.fullmatch(ident)):
        return ident
    return None


def _tiers(elem: Element | None) -> dict[str, str]:
    if elem is None:
        return {}
    info = child(elem, "InfoTiers")
    return values_of(info) if info is not None else {}


def read(path: Path) -> list[RawTable]:
    """The lines of every mandat of a PES dépense aller file."""
    encoding = declared_encoding(path)
    head: dict[str, str] = {}
    sender = ""
    bordereau: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    root: Element | None = None
    in_depense = False
    for event, elem in iter_xml(path):
        name = local(elem.tag)
        if event == "start":
            if root is None:
                root = elem
                check_root(path, root, "PES_Aller", "PES V2")
            elif name == "PES_DepenseAller":
                in_depense = True
            elif name == "Bordereau":
                bordereau = {}
            continue
        if name == "EnTetePES":
            head = values_of(elem)
        elif name == "Emetteur":
            sender = child_value(elem, "Sigle") or ""
        elif name == "BlocBordereau" and in_depense:
            bordereau = values_of(elem)
        elif name == "Piece" and in_depense:
            rows.extend(_piece_rows(elem, bordereau))
            elem.clear()
        elif name == "PES_DepenseAller":
            in_depense = False
    if not rows:
        raise no_lines(path, "LigneDePiece", "PES V2 dépense")
    return [_table(path, rows, head, sender, encoding)]


def _piece_rows(piece: Element, bordereau: dict[str, str]) -> list[dict[str, Any]]:
    bloc = child(piece, "BlocPiece")
    info_node = child(bloc, "InfoPce") if bloc is not None else None
    info_pce = values_of(info_node) if info_node is not None else {}
    lines = [c for c in piece if local(c.tag) == "LigneDePiece"]
    own = [_tiers(child(line, "Tiers")) for line in lines]
    fallback = _tiers(child(piece, "Tiers"))  # not in the XSD; some producers put it here
    if not fallback:
        distinct = {tuple(sorted(t.items())) for t in own if t}
        if len(distinct) == 1:
            fallback = dict(distinct.pop())
    credit = bordereau.get("TypBord") in CREDIT_TYPBORD or info_pce.get("NatPce") in CREDIT_NATPCE
    sign = -1.0 if credit else 1.0
    out: list[dict[str, Any]] = []
    for line, tiers in zip(lines, own, strict=True):
        info = child(line, "BlocLignePiece", "InfoLignePce")
        v = values_of(info) if info is not None else {}
        tiers = tiers or fallback
        label = " ".join(x for x in (v.get("LibVir1"), v.get("LibVir2")) if x)
        out.append(
            {
                "entity": None,
                "entity_id": None,
                "year": bordereau.get("Exer"),
                "date": bordereau.get("DteBordEm") or info_pce.get("DteEch"),
                "document": info_pce.get("IdPce"),
                "account": v.get("Nature"),
                "function": v.get("Fonction"),
                "label": label or info_pce.get("Obj"),
                "supplier": tiers.get("Nom"),
                "supplier_siret": _siret(tiers),
                "amount_excl_vat": amount_cell(v.get("MtHT"), sign),
                "vat_amount": amount_cell(v.get("MtTVA"), sign),
                "contract_ref": child_value(line, "BlocLignePiece", "LiensIdent", "IdMarche"),
                "direction": "D",
                "section": section_of(v.get("Nature")) or None,
                "IdBord": bordereau.get("IdBord"),
                "TypBord": bordereau.get("TypBord"),
                "TypPce": info_pce.get("TypPce"),
                "NatPce": info_pce.get("NatPce"),
                "IdLigne": v.get("IdLigne"),
                "Obj": info_pce.get("Obj"),
                "Facture": v.get("Facture"),
                "Operation": v.get("Operation"),
                "RefTiers": tiers.get("RefTiers"),
                "CatTiers": tiers.get("CatTiers"),
                "NatJur": tiers.get("NatJur"),
                "IdPceOrig": child_value(line, "BlocLignePiece", "RattachPiece", "IdPceOrig"),
                "_credit": credit,
            }
        )
    return out


_COLUMNS: tuple[tuple[str, str | None, str], ...] = (
    # key, canonical field, header name
    ("entity", "entity", "LibelleColBud"),
    ("entity_id", "entity_id", "IdColl"),
    ("year", "year", "Exer"),
    ("date", "date", "DteBordEm"),
    ("document", "document", "IdPce"),
    ("account", "account", "Nature"),
    ("function", "function", "Fonction"),
    ("label", "label", "LibVir1 LibVir2"),
    ("supplier", "supplier", "Nom (Tiers)"),
    ("supplier_siret", "supplier_siret", "IdTiers (SIRET)"),
    ("amount_excl_vat", "amount_excl_vat", "MtHT"),
    ("vat_amount", "vat_amount", "MtTVA"),
    ("contract_ref", "contract_ref", "IdMarche"),
    ("direction", "direction", "Sens (dépense)"),
    ("section", "section", "Section (déduite de la nature)"),
    ("IdBord", None, "IdBord"),
    ("TypBord", None, "TypBord"),
    ("TypPce", None, "TypPce"),
    ("NatPce", None, "NatPce"),
    ("IdLigne", None, "IdLigne"),
    ("Obj", None, "Obj"),
    ("Facture", None, "Facture"),
    ("Operation", None, "Operation"),
    ("RefTiers", None, "RefTiers"),
    ("CatTiers", None, "CatTiers"),
    ("NatJur", None, "NatJur"),
    ("IdPceOrig", None, "IdPceOrig"),
)


def _table(
    path: Path, rows: list[dict[str, Any]], head: dict[str, str], sender: str, encoding: str
) -> RawTable:
    entity = head.get("LibelleColBud") or head.get("CodCol") or None
    entity_id = head.get("IdColl") or None
    for r in rows:
        r["entity"] = entity
        r["entity_id"] = entity_id
    columns: list[tuple[str | None, str, list[Any]]] = [
        (fname, header, [r[key] for r in rows]) for key, fname, header in _COLUMNS
    ]
    notes: list[str | Text] = []
    n_credit = sum(1 for r in rows if r["_credit"])
    if n_credit:
        notes.append(Text("note-pes-credit", count=n_credit))
    years = sorted({str(r["year"]) for r in rows if r["year"]})
    meta = {
        "entity": entity or "",
        "siret": head.get("IdColl", ""),
        "year": ", ".join(years),
        "budget": head.get("CodBud", ""),
        "producer": sender,
        "document": "flux PES V2 dépense (bordereaux de mandats)",
    }
    return build_table(
        path,
        SHEET,
        columns,
        first_row=1,
        fmt=FORMAT,
        encoding=encoding,
        skip=[""] * len(rows),
        notes=notes,
        meta=meta,
    )
