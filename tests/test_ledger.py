from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from achats_durables.core.errors import LedgerError
from achats_durables.ledger import zip_guard
from achats_durables.ledger.read import read_ledger

from .conftest import HEADER, LedgerFactory, texts, write_csv

ROW = [
    2025,
    "Ville de Blois",
    dt.date(2025, 3, 4),
    "6064",
    "Ramettes papier",
    "Papeterie X",
    "12345678900012",
    100.0,
    20,
    120.0,
    "2024-001",
    "30197630-1",
]


def test_title_rows_totals_blank_and_rejected(make_ledger: LedgerFactory) -> None:
    rows = [
        ROW,
        [
            2025,
            "Ville de Blois",
            "05/03/2025",
            "6068",
            "Fournitures",
            "Y",
            "",
            "1 234,56 €",
            "",
            "",
            "",
            "",
        ],
        [None] * 12,
        [2025, "Agglopolys", "", "611", "Prestation", "Z", "", "12,5 k€", "", "", "", ""],
        [2025, "Agglopolys", "", "611", "Sans montant", "Z", "", None, "", None, "", ""],
        ["Total", None, None, None, None, None, None, 1334.56, None, None, None, None],
    ]
    path = make_ledger(rows, title=[["Grand livre 2025"], ["Données de test"], []])
    ledger = read_ledger(path)
    lines = ledger.lines
    assert ledger.rows_read == 3 + 1 + 6
    assert ledger.rows_above == 4
    assert lines["row"].tolist() == [5, 6, 7, 8, 9, 10]
    assert lines["read_status"].tolist() == [
        "ok",
        "ok",
        "skipped",
        "rejected",
        "rejected",
        "skipped",
    ]
    assert lines.loc[1, "amount_excl_vat"] == pytest.approx(1234.56)
    assert lines.loc[0, "cpv"] == "30197630"
    assert lines.loc[0, "vat_rate"] == pytest.approx(0.2)
    assert lines.loc[1, "date"] == dt.datetime(2025, 3, 5)
    rejected = [i for i in ledger.issues if i.code == "row-amount-unreadable"]
    assert len(rejected) == 1
    assert rejected[0].location.row == 8
    assert rejected[0].location.column == "Montant HT"
    assert rejected[0].message() == (
        f"{path.name}, feuille « Mandats », ligne 8, colonne « Montant HT » : montant illisible "
        "« 12,5 k€ ». Indiquez un nombre (ex. 1 234,56). Ligne écartée (statut « rejetée »)."
    )
    assert any(i.code == "row-amount-missing" and i.location.row == 9 for i in ledger.issues)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", ";"), ("cp1252", "\t"), ("utf-8", "\t")],
)
def test_csv_dialects(make_ledger: LedgerFactory, encoding: str, delimiter: str) -> None:
    rows = [
        [
            "2025",
            "Entité é",
            "31/12/2025",
            "6064",
            "Fourniture « papier » été",
            "Société Générale d'Équipement",
            "123 456 789 00012",
            "1 234,56" if delimiter != "," else "1234.56",
            "20 %",
            "",
            "",
            "",
        ],
    ]
    path = make_ledger(
        rows,
        fmt="csv",
        encoding=encoding,
        delimiter=delimiter,
        title=[["Export du logiciel financier"]],
    )
    ledger = read_ledger(path)
    line = ledger.lines.iloc[0]
    assert line["label"] == "Fourniture « papier » été"
    assert line["supplier_siret"] == "12345678900012"
    assert line["amount_excl_vat"] == pytest.approx(1234.56)
    assert line["row"] == 3
    assert ledger.inputs[0].delimiter == delimiter
    expected_enc = {"utf-8-sig": "utf-8-sig", "utf-8": "utf-8", "cp1252": "cp1252"}[encoding]
    assert ledger.inputs[0].encoding == expected_enc


def test_header_synonyms_and_accounts_as_numbers(make_ledger: LedgerFactory) -> None:
    header = ["EXERCICE", "Budget", "Imputation", "Objet", "Tiers", "Montant TTC", "Taux", "Marché"]
    rows = [
        [2025, "CIAS", "011-6064-020", "Papier", "X", 120, "20", "M1"],
        [2025, "CIAS", 6156.0, "Maintenance", "Y", 240, 0.2, ""],
    ]
    ledger = read_ledger(make_ledger(rows, header=header))
    cols = ledger.inputs[0].columns
    assert cols == {
        "year": "EXERCICE",
        "entity": "Budget",
        "account": "Imputation",
        "label": "Objet",
        "supplier": "Tiers",
        "amount_incl_vat": "Montant TTC",
        "vat_rate": "Taux",
        "contract_ref": "Marché",
    }
    assert ledger.lines["account"].tolist() == ["6064", "6156"]


def test_column_profile(make_ledger: LedgerFactory) -> None:
    header = ["Exercice", "Code budgétaire", "Désignation", "Mt facturé"]
    path = make_ledger([[2025, "6064", "Papier", "10,00"]], header=header)
    for sheet in (None, "Mandats"):  # the only sheet: its own message, with or without --sheet
        with pytest.raises(LedgerError) as info:
            read_ledger(path, sheet=sheet)
        assert info.value.code == "ledger-no-header"
        assert "« Code budgétaire », « Désignation », « Mt facturé »" in str(info.value)
    profile = {"account": "Code budgétaire", "amount_excl_vat": "Mt facturé"}
    ledger = read_ledger(path, profile=profile)
    assert ledger.lines.loc[0, "amount_excl_vat"] == 10.0
    assert ledger.lines.loc[0, "account"] == "6064"


def test_every_sheet_with_lines_is_read(tmp_path: Path) -> None:
    from .conftest import write_xlsx

    path = write_xlsx(
        tmp_path / "two.xlsx",
        [HEADER, ROW],
        sheet="Ville",
        extra_sheets={"Notes": [["Mode d'emploi"]], "CIAS": [HEADER, ROW, ROW]},
    )
    ledger = read_ledger(path)
    assert ledger.inputs[0].sheets == ["Ville", "CIAS"]
    assert ledger.inputs[0].ignored_sheets == [("Notes", "aucune ligne d'en-tête de grand livre")]
    assert len(ledger.lines) == 3
    only = read_ledger(path, sheet="CIAS")
    assert len(only.lines) == 2
    with pytest.raises(LedgerError) as info:
        read_ledger(path, sheet="Agglo")
    assert info.value.code == "ledger-sheet-not-found"
    assert "« Ville », « Notes », « CIAS »" in str(info.value)


def test_missing_and_unsupported_files(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as info:
        read_ledger(tmp_path / "absent.xlsx")
    assert info.value.code == "ledger-not-found"
    other = tmp_path / "ledger.pdf"
    other.write_bytes(b"%PDF-1.4")
    with pytest.raises(LedgerError) as info:
        read_ledger(other)
    assert info.value.code == "ledger-unsupported-format"
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(LedgerError) as info:
        read_ledger(empty)
    assert info.value.code == "ledger-empty"


def test_csv_with_wrong_field_count_is_located(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ["Nature", "Libellé", "Montant HT"],
            ["6064", "a", "1"],
            ["6064", "b", "2", "extra", "more"],
        ],
    )
    with pytest.raises(LedgerError) as info:
        read_ledger(path)
    assert info.value.code == "ledger-corrupt"
    assert info.value.location.row == 3


def test_corrupt_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(LedgerError) as info:
        read_ledger(path)
    assert info.value.code == "ledger-corrupt"


def test_xml_entity_declarations_are_refused(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    good = make_ledger([ROW])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = (
                    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' + data
                )
            dst.writestr(item, data)
    with pytest.raises(LedgerError) as info:
        read_ledger(bomb)
    assert info.value.code == "ledger-hostile"
    assert "sheet1.xml" in str(info.value)


def test_decompression_bomb_is_refused(
    tmp_path: Path, make_ledger: LedgerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zip_guard, "MAX_PART_BYTES", 8 * 2**20)
    good = make_ledger([ROW])
    bomb = tmp_path / "big.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr("xl/media/padding.bin", b"\0" * (9 * 2**20))
    with pytest.raises(LedgerError) as info:
        read_ledger(bomb)
    assert info.value.code == "ledger-hostile"
    assert "décompression" in str(info.value)


def test_ods_is_read(tmp_path: Path) -> None:
    from .conftest import write_ods

    path = write_ods(
        tmp_path / "gl.ods", [["Grand livre"], HEADER, [*ROW[:2], "04/03/2025", *ROW[3:]]]
    )
    ledger = read_ledger(path)
    assert ledger.inputs[0].format == "ods"
    assert ledger.lines.loc[0, "amount_excl_vat"] == 100.0
    assert ledger.lines.loc[0, "row"] == 3
    assert ledger.lines.loc[0, "label"] == "Ramettes papier"


def test_csv_with_unusual_amounts_falls_back_to_cell_parsing(make_ledger: LedgerFactory) -> None:
    rows = [
        [2025, "X", "01/01/2025", "6064", "a", "b", "", "1234,50", "", "", "", ""]
        for _ in range(60)
    ]
    rows.append([2025, "X", "01/01/2025", "6064", "a", "b", "", "1 234,56 €", "", "", "", ""])
    ledger = read_ledger(make_ledger(rows, fmt="csv"))
    assert ledger.lines["amount_excl_vat"].tolist() == [1234.5] * 60 + [1234.56]


def test_hidden_rows_and_columns_are_read_and_reported(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Mandats"
    for row in [HEADER, ROW, ROW, ROW]:
        ws.append(row)
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["B"].hidden = True
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    ledger = read_ledger(path)
    assert len(ledger.lines) == 3
    assert (ledger.lines["read_status"] == "ok").all()
    notes = texts(ledger.inputs[0].notes)
    assert any("1 ligne(s) masquée(s)" in n and "lignes 3" in n for n in notes)
    assert any("colonne(s) masquée(s)" in n for n in notes)
    english = [n.render("en") for n in ledger.inputs[0].notes if not isinstance(n, str)]
    assert any("1 row(s) hidden" in n and "rows 3" in n for n in english)
    assert any("1 hidden column(s)" in n for n in english)


def test_worksheet_part_is_decompressed_once_for_its_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DTD markers, extent and hidden rows come from one pass over the worksheet XML (the
    reader opens the file by itself); hidden rows far apart, in different pieces of the
    scan, are all reported."""
    from openpyxl import Workbook

    from achats_durables.ledger import sheet_extent

    monkeypatch.setattr(sheet_extent, "_CHUNK", 4096)  # many pieces on a small sheet
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Mandats"
    for row in [HEADER, *[ROW] * 400]:
        ws.append(row)
    for number in (3, 200, 399):
        ws.row_dimensions[number].hidden = True
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def counting_open(self: zipfile.ZipFile, name: object, *args: object, **kw: object) -> object:
        opened.append(name if isinstance(name, str) else getattr(name, "filename", ""))
        return real_open(self, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    ledger = read_ledger(path)
    assert opened.count("xl/worksheets/sheet1.xml") == 1
    notes = texts(ledger.inputs[0].notes)
    assert any("3 ligne(s) masquée(s)" in n and "lignes 3, 200, 399" in n for n in notes), notes


# Every character cp1252 has above ASCII (its five undefined bytes aside), and cells with the
# delimiter or a quote inside: the byte-level read of one-byte code pages must give the text a
# whole-file decoding gives.
_CP1252_HIGH = bytes(b for b in range(0x80, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))


def test_cp1252_cells_read_as_a_whole_file_decoding(tmp_path: Path) -> None:
    high = _CP1252_HIGH.decode("cp1252")
    labels = [f"Achat {c} n°{i}" for i, c in enumerate(high)] + ["Tél; « fax »", 'Dit "X"']
    suppliers = [f"Société {high[i % len(high)] * 2} SARL" for i in range(len(labels))]
    rows = [
        [2025, "Ville é", "04/03/2025", "6064", lab, sup, "", "10,5", "20", "", "", ""]
        for lab, sup in zip(labels, suppliers, strict=True)
    ]
    path = write_csv(tmp_path / "gl.csv", [HEADER, *rows], encoding="cp1252")
    ledger = read_ledger(path)
    assert ledger.inputs[0].encoding == "cp1252"
    assert ledger.lines["label"].tolist() == labels
    assert ledger.lines["supplier"].tolist() == suppliers
    assert ledger.lines["amount_excl_vat"].tolist() == [10.5] * len(labels)
    assert (ledger.lines["read_status"] == "ok").all()


@pytest.mark.parametrize("encoding", ["cp1252", "cp850", "mac_roman", "latin_1"])
def test_distinct_texts_of_a_one_byte_code_page_decoded_at_once(encoding: str) -> None:
    import pyarrow as pa

    from achats_durables.ledger.csv_table import _decoded

    every = bytes(range(0x20, 0x100)).decode(encoding, errors="ignore")
    texts = ["", *(every[i : i + 7] for i in range(0, len(every), 5)), "fin"]
    raw = pa.array([t.encode(encoding) for t in texts], pa.binary()).slice(1)
    assert _decoded(raw, encoding).to_pylist() == texts[1:]


def test_byte_undefined_in_cp1252_below_the_sample_is_an_encoding_error(tmp_path: Path) -> None:
    # The head reads as cp1252, a byte cp1252 does not define comes after it: the file is
    # refused as in an unknown encoding, never read with that byte dropped or replaced.
    row = "2025;Ville é;04/03/2025;6064;Ramettes papier;X;;10,5;20;;;\r\n"
    head = (";".join(HEADER) + "\r\n" + row * 4000).encode("cp1252")
    path = tmp_path / "gl.csv"
    path.write_bytes(head + b"2025;Ville;04/03/2025;6064;Caf\x81;X;;1;20;;;\r\n")
    with pytest.raises(LedgerError) as err:
        read_ledger(path)
    assert err.value.code == "ledger-encoding"
