"""Readers of public-finance formats: TOTEM XML, PES V2 dépense XML, DGFiP balance CSV.

Fixtures are written by the tests (real structure, small); cross-checks run on the real files of
``../shared/reference`` when present (check figures from its README).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from achats_durables.core.errors import LedgerError
from achats_durables.ledger.formats import READERS, balance, detect, pes, totem
from achats_durables.ledger.tabular import RawTable

from .conftest import skip_without_shared, texts

# --------------------------------------------------------------------------- helpers


def shared_reference() -> Path:
    env = os.environ.get("ACHATS_SHARED_DIR")
    base = Path(env) if env else Path(__file__).resolve().parents[2] / "shared"
    for p in (base / "reference", base):
        if (p / "ledgers").is_dir() or (p / "pes").is_dir():
            return p
    skip_without_shared()


def _none(values: pd.Series) -> list[Any]:
    """Cells as Python values, None for missing (None in object columns, NA in text ones)."""
    return [
        None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v
        for v in values.astype(object)
    ]


def cell(t: RawTable, fname: str) -> list[Any]:
    """Cells of a canonical field, in row order."""
    return _none(t.frame[t.header.columns[fname]])


def extra(t: RawTable, header: str) -> list[Any]:
    return _none(t.frame[t.header.headers.index(header)])


def cents(values: Any) -> int:
    """Exact sum in cents (no float drift)."""
    nums = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").fillna(0.0)
    return int(np.round(nums.to_numpy(dtype="float64") * 100).astype(np.int64).sum())


def reasons(t: RawTable) -> list[str]:
    assert t.skip_reason is not None
    return [str(r) for r in t.skip_reason]


def kept(t: RawTable) -> np.ndarray:
    assert t.skip_reason is not None
    assert len(t.skip_reason) == len(t.frame)
    return np.asarray(t.skip_reason == "", dtype=bool)


def write_bytes(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --------------------------------------------------------------------------- TOTEM fixtures

TOTEM_NS = "http://www.minefi.gouv.fr/cp/demat/docbudgetaire"


def ligne(
    nature: str,
    codrd: str,
    opbudg: str,
    mtreal: str | None,
    fonction: str | None = None,
    contnat: str = "011",
    libcpte: str | None = None,
) -> str:
    parts = [f'<Nature V="{nature}"/>']
    if fonction is not None:
        parts.append(f'<Fonction V="{fonction}"/>')
    parts += [f'<ContNat V="{contnat}"/>', '<ArtSpe V="false"/>', f'<CodRD V="{codrd}"/>']
    parts.append('<MtPrev V="0.00"/>')
    if mtreal is not None:
        parts.append(f'<MtReal V="{mtreal}"/>')
    parts.append(f'<OpBudg V="{opbudg}"/>')
    parts.append('<MtSup Code="BudgetHorsRAR" V="999.00"/>')
    if libcpte is not None:
        parts.append(f'<LibCpte V="{libcpte}"/>')
    return "<LigneBudget>" + "".join(parts) + "</LigneBudget>"


def totem_doc(encoding: str, budgets: list[tuple[str, str, str, str, list[str]]]) -> str:
    """``budgets`` = (LibelleEtab, IdEtab, Nomenclature, Exer, lignes)."""
    blocks = []
    for name, siret, nomen, exer, lines in budgets:
        blocks.append(
            "<Budget><EnTeteBudget>"
            f'<LibelleEtab V="{name}"/><IdEtab V="{siret}"/><CodColl V="101"/>'
            f'<CodBud V="00"/><Nomenclature V="{nomen}"/></EnTeteBudget>'
            f'<BlocBudget><NatDec V="09"/><Exer V="{exer}"/><ProjetBudget V="false"/></BlocBudget>'
            '<InformationsGenerales><Information Code="LieuCommDoc" V="Hôtel de ville"/>'
            "</InformationsGenerales>" + "\n".join(lines) + "</Budget>"
        )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<DocumentBudgetaire xmlns="{TOTEM_NS}">\n'
        '<VersionSchema V="108"/>'
        '<BlocEditeur><CodeEditeur V="GFI Progiciels, ASTRE GF V9.05"/></BlocEditeur>'
        "<EnTeteDocBudgetaire>"
        '<DteStr V="2023-03-30"/><LibelleColl V="VILLE DE SAINT-ÉTIENNE-LÈS-TEST"/>'
        '<IdColl V="21999999900011"/></EnTeteDocBudgetaire>\n' + "\n".join(blocks) + "\n"
        "</DocumentBudgetaire>\n"
    )


MAIN_LINES = [
    ligne("6064", "D", "0", "1234.56", "020", "011", "Fournitures administratives"),
    ligne("60632", "D", "0", "100.10", "212", "011", "Fournitures de petit équipement"),
    ligne("7088", "R", "0", "456.75", "824", "70", "Autres produits"),
    ligne("6811", "D", "1", "5000.00", "01", "042", "Dotations aux amortissements"),
    ligne("2183", "D", "0", "0.00", "020", "21", "Matériel de bureau et informatique"),
    ligne("2188", "D", "0", None, "020", "21"),
    ligne("192", "R", "1", "10.00", "01", "040"),
]
ASSAINISSEMENT_LINES = [
    ligne("6061", "D", "0", "2000.00", None, "011", "Fournitures non stockables (eau, énergie)"),
    ligne("2315", "D", "0", "30000.00", None, "23"),
    ligne("21532", "D", "1", "700.00", None, "041"),
]
BUDGETS = [
    ("BUDGET PRINCIPAL", "21999999900011", "M14-M14_COM_SUP3500", "2022", MAIN_LINES),
    ("ASSAINISSEMENT", "21999999900029", "M4-M49_D", "2022", ASSAINISSEMENT_LINES),
]


@pytest.fixture(params=["UTF-8", "ISO-8859-1", "windows-1252"])
def totem_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    encoding = request.param
    return write_bytes(tmp_path / "ca.xml", totem_doc(encoding, BUDGETS), encoding)


# --------------------------------------------------------------------------- TOTEM tests


def test_totem_lines_amounts_and_skips(totem_file: Path) -> None:
    assert detect(totem_file) is totem
    tables = totem.read(totem_file)
    assert [len(t.frame) for t in tables] == [7, 3]
    main, assain = tables
    # rows = ordinal of the LigneBudget in the file, across budgets
    assert (main.first_row, assain.first_row) == (1, 8)
    assert main.rows_above == assain.rows_above == 0
    assert main.sheet == "LigneBudget"
    assert main.format == "totem"
    # M14: TTC; M49: HT, with a note
    assert "amount_incl_vat" in main.header.columns
    assert "amount_excl_vat" not in main.header.columns
    assert "amount_excl_vat" in assain.header.columns
    assert "amount_incl_vat" not in assain.header.columns
    assert texts(main.notes) == []
    assert texts(assain.notes) == [
        "budget M49 : montants réalisés considérés hors taxes (service assujetti à la TVA)"
    ]
    assert cell(main, "account") == ["6064", "60632", "7088", "6811", "2183", "2188", "192"]
    assert cell(main, "function") == ["020", "212", "824", "01", "020", "020", "01"]
    assert cell(main, "direction") == ["D", "D", "R", "D", "D", "D", "R"]
    assert cell(main, "section") == ["F", "F", "F", "F", "I", "I", "I"]
    assert cell(main, "amount_incl_vat") == [1234.56, 100.10, 456.75, 5000.0, 0.0, None, 10.0]
    assert cell(main, "label")[1] == "Fournitures de petit équipement"
    assert cell(main, "label")[5] is None
    assert set(cell(main, "entity")) == {"BUDGET PRINCIPAL"}
    assert set(cell(main, "year")) == {"2022"}
    assert set(cell(main, "nomenclature")) == {"M14"}
    assert set(cell(assain, "nomenclature")) == {"M49"}
    assert cell(assain, "function") == [None, None, None]
    assert set(cell(main, "entity_id")) == {"21999999900011"}
    assert set(cell(assain, "entity_id")) == {"21999999900029"}
    assert extra(main, "ContNat") == ["011", "011", "70", "042", "21", "21", "040"]
    assert main.header.ignored == ["ContNat", "OpBudg"]
    assert reasons(main) == [
        "",
        "",
        "recette : ce n'est pas une dépense",
        "opération d'ordre (OpBudg = 1) : écriture comptable sans décaissement, pas un achat",
        "",
        "aucun montant réalisé (MtReal)",
        "recette : ce n'est pas une dépense",
    ]
    assert cents(np.array(cell(main, "amount_incl_vat"), dtype=object)[kept(main)]) == 133466
    assert cents(np.array(cell(assain, "amount_excl_vat"), dtype=object)[kept(assain)]) == 3200000
    assert assain.meta == {
        "entity": "VILLE DE SAINT-ÉTIENNE-LÈS-TEST",
        "siret": "21999999900029",
        "year": "2022",
        "nomenclature": "M49",
        "budget": "ASSAINISSEMENT",
        "producer": "GFI Progiciels, ASTRE GF V9.05",
        "document": "compte administratif",
    }


def test_totem_accents_in_each_encoding(tmp_path: Path) -> None:
    label = "Entretien : œuvres d'art – « été »"  # œ, – exist in windows-1252 only
    lines = [ligne("6068", "D", "0", "12.00", "020", "011", label)]
    doc = totem_doc("windows-1252", [("BUDGET PRINCIPAL", "1", "M57-M57", "2024", lines)])
    path = write_bytes(tmp_path / "cp1252.xml", doc, "windows-1252")
    (table,) = totem.read(path)
    assert cell(table, "label") == [label]
    assert table.encoding == "windows-1252"
    assert table.meta["entity"] == "VILLE DE SAINT-ÉTIENNE-LÈS-TEST"
    assert table.meta["nomenclature"] == "M57"
    label = "Études et recherches"
    lines = [ligne("2031", "D", "0", "12.00", "020", "20", label)]
    doc = totem_doc("ISO-8859-1", [("BUDGET PRINCIPAL", "1", "M57-M57", "2024", lines)])
    path = write_bytes(tmp_path / "latin1.xml", doc, "ISO-8859-1")
    raw = path.read_bytes()
    assert "É".encode("latin-1") in raw
    assert "É".encode() not in raw
    (table,) = totem.read(path)
    assert cell(table, "label") == [label]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("M14-M14_COM_SUP3500", "M14"),
        ("M4-M49_D", "M49"),
        ("M4-M43_A", "M43"),
        ("M57-M57_A", "M57"),
        ("M57", "M57"),
        ("", ""),
        (None, ""),
    ],
)
def test_short_nomenclature(value: str | None, expected: str) -> None:
    assert totem.short_nomenclature(value) == expected


def test_totem_without_lines_and_wrong_root(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "vide.xml", totem_doc("UTF-8", []), "utf-8")
    with pytest.raises(LedgerError) as err:
        totem.read(path)
    assert err.value.code == "ledger-xml-no-lines"
    assert "LigneBudget" in str(err.value)
    other = write_bytes(tmp_path / "autre.xml", '<?xml version="1.0"?><Autre/>', "utf-8")
    assert detect(other) is None
    with pytest.raises(LedgerError) as err:
        totem.read(other)
    assert err.value.code == "ledger-xml-unexpected"
    assert "DocumentBudgetaire" in str(err.value)


# --------------------------------------------------------------------------- hostile and broken XML


HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE DocumentBudgetaire [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
]>
<DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">
<Budget><LigneBudget><Nature V="&b;"/><CodRD V="D"/><MtReal V="1"/></LigneBudget></Budget>
</DocumentBudgetaire>
"""


@pytest.mark.parametrize("reader", [totem, pes])
def test_hostile_xml_refused(reader: Any, tmp_path: Path) -> None:
    text = HOSTILE
    if reader is pes:
        text = text.replace("DocumentBudgetaire", "PES_Aller")
    path = write_bytes(tmp_path / "bombe.xml", text, "utf-8")
    with pytest.raises(LedgerError) as err:
        reader.read(path)
    assert err.value.code == "ledger-hostile"
    assert "DTD ou des entités" in str(err.value)


@pytest.mark.parametrize("reader", [totem, pes])
def test_malformed_xml_is_corrupt(reader: Any, tmp_path: Path) -> None:
    text = totem_doc("UTF-8", BUDGETS)
    if reader is pes:
        text = PES_DOC
    broken = text[: len(text) // 2] + "<Nature V=oops/>"
    path = write_bytes(tmp_path / "casse.xml", broken, "utf-8")
    with pytest.raises(LedgerError) as err:
        reader.read(path)
    assert err.value.code == "ledger-corrupt"
    message = str(err.value)
    assert "casse.xml" in message
    assert "XML mal formé ou tronqué, ligne" in message
    assert "fichier illisible ou endommagé" in message


# --------------------------------------------------------------------------- PES fixtures


def pes_line(
    id_ligne: int,
    nature: str,
    fonction: str,
    mtht: str,
    mttva: str | None,
    libvir1: str | None,
    libvir2: str | None = None,
    tiers: str | None = None,
    marche: str | None = None,
    rattach: str | None = None,
) -> str:
    info = [f'<IdLigne V="{id_ligne}"/>', f'<Nature V="{nature}"/>', f'<Fonction V="{fonction}"/>']
    if libvir1:
        info.append(f'<LibVir1 V="{libvir1}"/>')
    if libvir2:
        info.append(f'<LibVir2 V="{libvir2}"/>')
    info += ['<ModRegl V="02"/>', '<TVAIntraCom V="0"/>', f'<MtHT V="{mtht}"/>']
    if mttva is not None:
        info.append(f'<MtTVA V="{mttva}"/>')
    bloc = "<BlocLignePiece><InfoLignePce>" + "".join(info) + "</InfoLignePce>"
    if rattach:
        bloc += rattach
    if marche:
        bloc += f'<LiensIdent><IdMarche V="{marche}"/></LiensIdent>'
    bloc += "</BlocLignePiece>"
    return "<LigneDePiece>" + bloc + (tiers or "") + "</LigneDePiece>"


def tiers(nom: str, ident: str | None = None, nat: str | None = None) -> str:
    parts = []
    if ident is not None:
        parts.append(f'<IdTiers V="{ident}"/>')
    if nat is not None:
        parts.append(f'<NatIdTiers V="{nat}"/>')
    parts += ['<RefTiers V="T1"/>', '<CatTiers V="60"/>', '<NatJur V="03"/>', f'<Nom V="{nom}"/>']
    return "<Tiers><InfoTiers>" + "".join(parts) + "</InfoTiers></Tiers>"


def piece(id_pce: str, typ: str, nat: str, obj: str, lines: list[str]) -> str:
    return (
        "<Piece><BlocPiece><InfoPce>"
        f'<IdPce V="{id_pce}"/><TypPce V="{typ}"/><NatPce V="{nat}"/><Obj V="{obj}"/>'
        '<DteEch V="2025-04-30"/></InfoPce></BlocPiece>' + "".join(lines) + "</Piece>"
    )


def bordereau(id_bord: str, typ: str, date: str, pieces: list[str]) -> str:
    return (
        "<Bordereau><BlocBordereau>"
        f'<Exer V="2025"/><IdBord V="{id_bord}"/><DteBordEm V="{date}"/><TypBord V="{typ}"/>'
        f'<NbrPce V="{len(pieces)}"/><MtBordHT V="0.00"/></BlocBordereau>'
        + "".join(pieces)
        + "</Bordereau>"
    )


EDF = tiers("ÉNERGIE FICTIVE SA", "99999000000202", "01")
PAPIER = tiers("PAPETERIE FICTIVE", "999990000", "02")
ETRANGER = tiers("FOURNISSEUR ÉTRANGER", "DE123456789", "05")
PES_DOC = (
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
    '<n:PES_Aller xmlns:n="http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller">'
    '<Enveloppe><Parametres><TypFic V="PESALR2"/></Parametres><Emetteur><Sigle V="EMSIGLE"/>'
    "</Emetteur></Enveloppe>"
    '<EnTetePES><DteStr V="2025-03-20"/><IdPost V="099999"/><IdColl V="12345678912345"/>'
    '<CodCol V="999"/><CodBud V="01"/><LibelleColBud V="COMMUNE DE CÔTE-FICTIVE"/></EnTetePES>'
    '<PES_DepenseAller><EnTeteDepense><IdVer V="2"/></EnTeteDepense>'
    + bordereau(
        "101",
        "01",
        "2025-03-10",
        [
            piece(
                "1001",
                "01",
                "01",
                "ÉLECTRICITÉ FÉVRIER",
                [
                    pes_line(1, "60612", "020", "100.00", "20.00", "ÉLEC MAIRIE", "FÉVRIER", EDF),
                    # no Tiers on this line: the piece's single creditor is used
                    pes_line(2, "60612", "321", "50.50", None, None),
                ],
            ),
            piece(
                "1002",
                "09",
                "02",
                "TRAVAUX",
                [
                    pes_line(1, "2152", "845", "1000.00", "200.00", "VOIRIE", None, PAPIER, "M-1"),
                    pes_line(2, "2183", "020", "10.00", "2.00", "ÉCRAN", None, ETRANGER),
                ],
            ),
        ],
    )
    + bordereau(
        "102",
        "02",
        "2025-03-20",
        [
            piece(
                "1003",
                "02",
                "06",
                "RÉDUCTION MANDAT 1001",
                [
                    pes_line(
                        1,
                        "60612",
                        "321",
                        "10.50",
                        "2.10",
                        "AVOIR",
                        None,
                        EDF,
                        rattach='<RattachPiece><NatPceOrig V="01"/><ExerRat V="2025"/>'
                        '<IdPceOrig V="1001"/><IdLigneOrig V="2"/></RattachPiece>',
                    )
                ],
            )
        ],
    )
    + "</PES_DepenseAller></n:PES_Aller>\n"
)


# --------------------------------------------------------------------------- PES tests


def test_pes_lines_credit_notes_and_tiers(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "pes.xml", PES_DOC, "iso-8859-1")
    assert detect(path) is pes
    (t,) = pes.read(path)
    assert len(t.frame) == 5
    assert (t.first_row, t.rows_above, t.sheet) == (1, 0, "Mandats (LigneDePiece)")
    assert t.encoding == "ISO-8859-1"
    assert reasons(t) == [""] * 5
    assert cell(t, "account") == ["60612", "60612", "2152", "2183", "60612"]
    assert cell(t, "function") == ["020", "321", "845", "020", "321"]
    assert cell(t, "label") == [
        "ÉLEC MAIRIE FÉVRIER",
        "ÉLECTRICITÉ FÉVRIER",
        "VOIRIE",
        "ÉCRAN",
        "AVOIR",
    ]
    assert cell(t, "amount_excl_vat") == [100.0, 50.5, 1000.0, 10.0, -10.5]
    assert cell(t, "vat_amount") == [20.0, None, 200.0, 2.0, -2.1]
    assert cell(t, "supplier") == [
        "ÉNERGIE FICTIVE SA",
        "ÉNERGIE FICTIVE SA",
        "PAPETERIE FICTIVE",
        "FOURNISSEUR ÉTRANGER",
        "ÉNERGIE FICTIVE SA",
    ]
    # SIRET (NatIdTiers 01) and SIREN (02) kept; an intra-EU VAT number (05) is not a SIRET
    assert cell(t, "supplier_siret") == [
        "99999000000202",
        "99999000000202",
        "999990000",
        None,
        "99999000000202",
    ]
    assert cell(t, "document") == ["1001", "1001", "1002", "1002", "1003"]
    assert cell(t, "date") == ["2025-03-10"] * 4 + ["2025-03-20"]
    assert set(cell(t, "year")) == {"2025"}
    assert set(cell(t, "entity")) == {"COMMUNE DE CÔTE-FICTIVE"}
    assert set(cell(t, "entity_id")) == {"12345678912345"}
    assert cell(t, "contract_ref") == [None, None, "M-1", None, None]
    assert cell(t, "section") == ["F", "F", "I", "I", "F"]
    assert set(cell(t, "direction")) == {"D"}
    assert extra(t, "TypBord") == ["01", "01", "01", "01", "02"]
    assert extra(t, "IdPceOrig") == [None, None, None, None, "1001"]
    assert texts(t.notes) == [
        "1 ligne(s) d'annulation ou de réduction de mandat (bordereau de type 02, pièce de "
        "nature 06 ou 10) : montants comptés en négatif"
    ]
    assert t.meta == {
        "entity": "COMMUNE DE CÔTE-FICTIVE",
        "siret": "12345678912345",
        "year": "2025",
        "budget": "01",
        "producer": "EMSIGLE",
        "document": "flux PES V2 dépense (bordereaux de mandats)",
    }
    assert cents(cell(t, "amount_excl_vat")) == 115000


def test_pes_without_depense_lines(tmp_path: Path) -> None:
    doc = PES_DOC.split("<PES_DepenseAller>")[0] + "</n:PES_Aller>"
    path = write_bytes(tmp_path / "recette.xml", doc, "iso-8859-1")
    assert detect(path) is None  # no PES_DepenseAller: not for this reader
    with pytest.raises(LedgerError) as err:
        pes.read(path)
    assert err.value.code == "ledger-xml-no-lines"


# --------------------------------------------------------------------------- balance fixtures

BALANCE_HEADER = (
    "exer;ident;ndept;lbudg;insee;cbudg;ctype;cstyp;nomen;siren;cregi;cacti;secteur;finess;"
    "codbud1;categ;bal;compte;bedeb;becre;obnetdeb;obnetcre;onbdeb;onbcre;oobdeb;oobcre;sd;sc"
)


def balance_row(lbudg: str, ident: str, nomen: str, compte: str, obnetdeb: str) -> str:
    cbudg = "1" if nomen != "M49" else "3"
    return (
        f"2024;{ident};038;{lbudg};185;{cbudg};101;00;{nomen};{ident[:9]};084;40;;;;Commune;DEF;"
        f"{compte};0.0;0.0;{obnetdeb};0.0;0.0;0.0;0.0;0.0;0.0;0.0"
    )


BALANCE_ROWS = [
    balance_row("GRENOBLE", "21380185500015", "M57", "1318", "680305.58"),
    balance_row("GRENOBLE", "21380185500015", "M57", "2183", "12345.67"),
    balance_row("GRENOBLE", "21380185500015", "M57", "44382", "10.00"),
    balance_row("GRENOBLE", "21380185500015", "M57", "60612", "250000.10"),
    balance_row("GRENOBLE", "21380185500015", "M57", "28041412", "7.00"),
    balance_row("ANNECY", "20007310600015", "M57", "6068", "0.0"),
    balance_row("ANNECY", "20007310600015", "M57", "4011", "99.99"),
    balance_row("EAU ANNECY", "20007310600023", "M49", "6061", "4000.40"),
    balance_row("EAU ANNECY", "20007310600023", "M49", "2315", "100000.00"),
    balance_row("EAU ANNECY", "20007310600023", "M49", "1641", "5.00"),
]
CLASS = "compte de classe {} : hors dépenses d'achat (seules les classes 2 et 6 sont lues)"


@pytest.mark.parametrize("upper", [False, True])
def test_balance_rows_amounts_and_skips(upper: bool, tmp_path: Path) -> None:
    header = BALANCE_HEADER.upper() if upper else BALANCE_HEADER
    path = tmp_path / "balance.csv"
    path.write_text("\n".join([header, *BALANCE_ROWS]) + "\n", encoding="ascii")
    assert detect(path) is balance
    (t,) = balance.read(path)
    assert len(t.frame) == 10
    assert (t.first_row, t.rows_above, t.sheet, t.delimiter) == (2, 1, None, ";")
    assert cell(t, "entity") == ["GRENOBLE"] * 5 + ["ANNECY"] * 2 + ["EAU ANNECY"] * 3
    assert cell(t, "account")[4] == "28041412"
    assert set(cell(t, "year")) == {"2024"}
    assert cell(t, "nomenclature") == ["M57"] * 7 + ["M49"] * 3
    ttc = cell(t, "amount_incl_vat")
    ht = cell(t, "amount_excl_vat")
    assert ttc[:7] == ["680305.58", "12345.67", "10.00", "250000.10", "7.00", "0.0", "99.99"]
    assert ttc[7:] == [None] * 3
    assert ht == [None] * 7 + ["4000.40", "100000.00", "5.00"]
    assert reasons(t) == [
        CLASS.format(1),
        "",
        CLASS.format(4),
        "",
        "",
        "",
        CLASS.format(4),
        "",
        "",
        CLASS.format(1),
    ]
    keep = kept(t)
    assert cents(np.array(ttc, dtype=object)[keep]) == 26235277
    assert cents(np.array(ht, dtype=object)[keep]) == 10400040
    assert cell(t, "section") == [None, "I", None, "F", "I", "F", None, "F", "I", None]
    assert cell(t, "entity_id")[7] == "20007310600023"
    assert t.header.ignored == ["cbudg", "insee"]
    assert texts(t.notes) == [
        "budget M49 : montants réalisés considérés hors taxes (service assujetti à la TVA)"
    ]
    assert t.meta == {"producer": "DGFiP", "document": "balance comptable", "year": "2024"}


def test_balance_single_entity_meta_and_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "une.csv"
    path.write_text("\n".join([BALANCE_HEADER, *BALANCE_ROWS[:5]]) + "\n", encoding="ascii")
    (t,) = balance.read(path)
    assert t.meta == {
        "producer": "DGFiP",
        "document": "balance comptable",
        "entity": "GRENOBLE",
        "budget": "GRENOBLE",
        "siret": "21380185500015",
        "year": "2024",
        "nomenclature": "M57",
    }
    assert "amount_excl_vat" not in t.header.columns
    bad = tmp_path / "sans.csv"
    bad.write_text("exer;ident;compte;autre\n2024;1;6064;3\n", encoding="ascii")
    assert detect(bad) is None
    with pytest.raises(LedgerError) as err:
        balance.read(bad)
    assert err.value.code == "ledger-column-missing"
    assert "obnetdeb" in str(err.value)


def test_detect_only_known_suffixes(tmp_path: Path) -> None:
    xlsx = write_bytes(tmp_path / "ca.xlsx", totem_doc("UTF-8", BUDGETS), "utf-8")
    assert detect(xlsx) is None
    plain = tmp_path / "mandats.csv"
    plain.write_text("Nature;Montant TTC\n6064;12,50\n", encoding="utf-8")
    assert detect(plain) is None
    assert detect(tmp_path / "absent.xml") is None
    assert READERS == (totem, pes, balance)


# --------------------------------------------------------------------------- real files


def test_real_totem_montreuil_2022() -> None:
    path = shared_reference() / "ledgers" / "montreuil_ville_ca_2022_totem.xml"
    (t,) = totem.read(path)
    assert len(t.frame) == 1530
    direction = np.array(cell(t, "direction"), dtype=object)
    ordre = np.array(extra(t, "OpBudg"), dtype=object) == "1"
    counts = (
        int(((direction == "D") & ~ordre).sum()),
        int(((direction == "D") & ordre).sum()),
        int(((direction == "R") & ~ordre).sum()),
        int(((direction == "R") & ordre).sum()),
    )
    assert counts == (1316, 11, 164, 39)
    keep = kept(t)
    assert int(keep.sum()) == 1316
    amounts = np.array(cell(t, "amount_incl_vat"), dtype=object)
    assert cents(amounts[keep]) == 27242054803
    nature = pd.Series(cell(t, "account"), dtype=object)
    by_nature = {
        "60611": 62215542,
        "6064": 9920972,
        "611": 788899929,
        "2183": 81334972,
        "2315": 30205334,
    }
    for code, expected in by_nature.items():
        assert cents(amounts[keep & (nature == code).to_numpy()]) == expected, code
    purchases = keep & nature.str.match(r"6[012]").to_numpy(dtype=bool)
    assert cents(amounts[purchases]) == 4664930522
    assert t.meta["siret"] == "21930048000015"
    assert t.meta["nomenclature"] == "M14"
    assert t.meta["document"] == "compte administratif"
    assert texts(t.notes) == []


def test_real_totem_metropole_assainissement_2019() -> None:
    path = (
        shared_reference()
        / "ledgers"
        / "montpellier_metropole_ca_2019_budget_assainissement_totem.xml"
    )
    (t,) = totem.read(path)
    assert len(t.frame) == 114
    assert t.encoding == "ISO-8859-1"
    keep = kept(t)
    assert int(keep.sum()) == 57
    amounts = np.array(cell(t, "amount_excl_vat"), dtype=object)
    assert cents(amounts[keep]) == 5147929003
    nature = pd.Series(cell(t, "account"), dtype=object)
    assert cents(amounts[keep & (nature == "2315").to_numpy()]) == 2466690196
    assert cents(amounts[keep & nature.str.match(r"6[012]").to_numpy(dtype=bool)]) == 248952508
    assert t.meta["nomenclature"] == "M49"
    assert t.meta["siret"] == "24340001700071"
    assert "hors taxes" in texts(t.notes)[0]


def test_real_pes_synthetic_matches_expected_lines() -> None:
    samples = shared_reference() / "pes" / "samples"
    (t,) = pes.read(samples / "SYNTHETIQUE_PES_DepenseAller_exemple.xml")
    with (samples / "SYNTHETIQUE_PES_DepenseAller_exemple_lignes_attendues.csv").open(
        encoding="utf-8", newline=""
    ) as fh:
        expected = list(csv.DictReader(fh))
    assert len(expected) == 24
    assert len(t.frame) == 24
    assert t.meta["siret"] == expected[0]["IdColl"]
    assert texts(t.notes)
    assert texts(t.notes)[0].startswith("3 ligne(s)")

    def none_if_empty(text: str) -> str | None:
        return text or None

    for i, exp in enumerate(expected):
        sign = -1.0 if exp["TypBord"] == "02" else 1.0
        got = {
            "year": cell(t, "year")[i],
            "date": cell(t, "date")[i],
            "document": cell(t, "document")[i],
            "account": cell(t, "account")[i],
            "function": cell(t, "function")[i],
            "label": cell(t, "label")[i],
            "supplier": cell(t, "supplier")[i],
            "supplier_siret": cell(t, "supplier_siret")[i],
            "contract_ref": cell(t, "contract_ref")[i],
            "amount_excl_vat": cell(t, "amount_excl_vat")[i],
            "vat_amount": cell(t, "vat_amount")[i],
            "IdBord": extra(t, "IdBord")[i],
            "IdLigne": extra(t, "IdLigne")[i],
            "Facture": extra(t, "Facture")[i],
            "CatTiers": extra(t, "CatTiers")[i],
            "NatPce": extra(t, "NatPce")[i],
            "IdPceOrig": extra(t, "IdPceOrig")[i],
            "Obj": extra(t, "Obj")[i],
        }
        want = {
            "year": exp["Exer"],
            "date": exp["DteBordEm"],
            "document": exp["IdPce"],
            "account": exp["Nature"],
            "function": exp["Fonction"],
            "label": exp["LibVir1"],
            "supplier": exp["NomTiers"],
            "supplier_siret": exp["IdTiers"] if exp["NatIdTiers"] == "01" else None,
            "contract_ref": none_if_empty(exp["IdMarche"]),
            "amount_excl_vat": sign * float(exp["MtHT"]),
            "vat_amount": sign * float(exp["MtTVA"]) if exp["MtTVA"] else None,
            "IdBord": exp["IdBord"],
            "IdLigne": exp["IdLigne"],
            "Facture": none_if_empty(exp["Facture"]),
            "CatTiers": exp["CatTiers"],
            "NatPce": exp["NatPce"],
            "IdPceOrig": none_if_empty(exp["IdPceOrig"]),
            "Obj": exp["Obj"],
        }
        assert got == want, f"ligne {i + 1}"
    credit_rows = [i for i, e in enumerate(expected) if e["TypBord"] == "02"]
    assert credit_rows == [21, 22, 23]
    assert cents(cell(t, "amount_excl_vat")) == sum(
        round(float(e["MtHT"]) * 100) * (-1 if e["TypBord"] == "02" else 1) for e in expected
    )


def test_real_pes_official_example() -> None:
    (t,) = pes.read(shared_reference() / "pes" / "samples" / "PES_Exemple_Aller.xml")
    assert len(t.frame) == 1
    assert cell(t, "label") == ["ECHEANCIER LE NUMERO N EST PAS PRECISE"]
    assert cell(t, "supplier") == ["PAIERIE DEPART. HERAULT"]
    assert cell(t, "supplier_siret") == [None]  # RefTiers only: an internal reference
    assert cell(t, "amount_excl_vat") == [39724.75]
    assert cell(t, "entity") == ["COMMUNE"]


def test_real_balance_extract() -> None:
    path = shared_reference() / "ledgers" / "dgfip_balance_comptable_2024_extrait_4_communes.csv"
    (t,) = balance.read(path)
    assert len(t.frame) == 20
    entities = pd.Series(cell(t, "entity"), dtype=object)
    assert sorted(entities.unique()) == ["ANNECY", "CHAMBERY", "GRENOBLE", "LYON"]
    assert entities.value_counts().to_dict() == {
        "GRENOBLE": 5,
        "CHAMBERY": 5,
        "ANNECY": 5,
        "LYON": 5,
    }
    account = pd.Series(cell(t, "account"), dtype=object)
    keep = kept(t)
    assert keep.tolist() == account.str.match(r"[26]").tolist()
    assert not account[keep].str.startswith("6").any()  # the extract holds no class 6
    raw = pd.read_csv(path, sep=";", dtype=str)
    assert cents(np.array(cell(t, "amount_incl_vat"), dtype=object)) == cents(raw["obnetdeb"])
    assert t.meta["year"] == "2024"


def test_real_files_through_canonical_lines() -> None:
    """The tables feed the ledger: skipped rows carry the reader's reason, kept rows are ok."""
    from achats_durables.ledger.canonical import canonical_lines

    ref = shared_reference()
    cases = [
        (ref / "ledgers" / "montreuil_ville_ca_2022_totem.xml", 1316, 27242054803),
        (
            ref / "ledgers" / "montpellier_metropole_ca_2019_budget_assainissement_totem.xml",
            57,
            5147929003,
        ),
        (ref / "pes" / "samples" / "SYNTHETIQUE_PES_DepenseAller_exemple.xml", 24, None),
    ]
    for path, n_ok, total in cases:
        reader = detect(path)
        assert reader is not None
        (t,) = reader.read(path)
        lines, issues = canonical_lines(t)
        assert len(lines) == len(t.frame)
        assert issues == []
        status = lines["read_status"].astype(str)
        assert int((status == "ok").sum()) == n_ok
        skipped = (status == "skipped").to_numpy()
        assert lines["read_reason"][skipped].tolist() == [r for r in reasons(t) if r]
        if total is not None:
            ok = (status == "ok").to_numpy()
            amounts = lines["amount_incl_vat"].fillna(lines["amount_excl_vat"])
            assert cents(amounts[ok]) == total


def test_balance_latin_text_after_a_utf8_looking_head(tmp_path: Path) -> None:
    filler = [balance_row("GRENOBLE", "21380185500015", "M57", "6068", "1.00")] * 2000
    rows = [*filler, balance_row("SAINT-ÉTIENNE", "21420218600016", "M57", "6068", "2.00")]
    path = tmp_path / "latin.csv"
    path.write_bytes(("\n".join([BALANCE_HEADER, *rows]) + "\n").encode("cp1252"))
    assert len(path.read_bytes()) > 65536
    (t,) = balance.read(path)
    assert t.encoding == "cp1252"
    assert cell(t, "entity")[-1] == "SAINT-ÉTIENNE"
    assert len(t.frame) == 2001


TOTEM_UNKNOWN_ENCODING = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">'
    "<Budget/></DocumentBudgetaire>\n"
)
PES_UNKNOWN_ENCODING = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<n:PES_Aller xmlns:n="http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller">'
    "<PES_DepenseAller><Bordereau/></PES_DepenseAller></n:PES_Aller>\n"
)


@pytest.mark.parametrize("template", [TOTEM_UNKNOWN_ENCODING, PES_UNKNOWN_ENCODING])
@pytest.mark.parametrize("encoding", ["klingon", "x-mac-inconnu", "utf-32"])
def test_unknown_xml_encoding_is_an_input_error(
    tmp_path: Path, template: str, encoding: str
) -> None:
    from typer.testing import CliRunner

    from achats_durables import cli

    path = tmp_path / "budget.xml"
    path.write_bytes(template.format(encoding=encoding).encode("ascii"))
    result = CliRunner().invoke(cli.app, ["validate", str(path)])
    assert result.exit_code == 3, result.output
    assert (
        f"budget.xml : encodage déclaré « {encoding} » inconnu dans l'en-tête XML du fichier."
        in " ".join(result.stderr.split())
    )


def _corrupt_deflate(path: Path, part: str) -> Path:
    """Overwrite bytes in the middle of ``part``'s compressed data (the zip stays listable)."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(part)
    with path.open("r+b") as fh:
        fh.seek(info.header_offset + 26)
        name_len = int.from_bytes(fh.read(2), "little")
        extra_len = int.from_bytes(fh.read(2), "little")
        fh.seek(info.header_offset + 30 + name_len + extra_len + info.compress_size // 2)
        fh.write(b"\xff" * 8)
    return path


@pytest.mark.parametrize("command", ["validate", "clauses"])
def test_corrupt_deflate_stream_is_an_input_error(tmp_path: Path, command: str) -> None:
    from typer.testing import CliRunner

    from achats_durables import cli

    from .conftest import write_xlsx

    rows: list[list[Any]] = [["N° marché", "Nature", "Objet", "Libellé", "Montant HT"]]
    rows += [[f"M-{i}", "6064", f"Papier {i}", f"Ramettes {i}", 10 * i] for i in range(300)]
    path = _corrupt_deflate(write_xlsx(tmp_path / "gl.xlsx", rows), "xl/worksheets/sheet1.xml")
    result = CliRunner().invoke(cli.app, [command, str(path)])
    assert result.exit_code == 3, result.output
    assert "gl.xlsx : fichier illisible ou endommagé" in " ".join(result.stderr.split())
