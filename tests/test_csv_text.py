"""The one reading of CSV text (ledger.csv_text) for ledgers, balances, registers and DECP CSV.

Each test below shows a case where the three former readers differed (encoding fallback,
delimiters, quoted line breaks): the ledger, the register and the balance now read it alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from achats_durables.contracts.read import read_contracts
from achats_durables.contracts.register import read_csv_rows
from achats_durables.ledger.csv_text import (
    decode_rows,
    detect_delimiter,
    detect_encoding,
    head_rows,
    sample_csv,
)
from achats_durables.ledger.formats import balance, detect
from achats_durables.ledger.read import read_ledger

from .conftest import texts, write_csv

LEDGER_HEADER = ["Compte", "Libellé", "Fournisseur", "Montant TTC"]
REGISTER_HEADER = ["Numéro du marché", "Objet", "Entité", "Montant HT", "Considérations sociales"]
CONTRADICTED = (
    "encodage utf-8 démenti plus loin dans le fichier : relu en utf-8, "
    "les caractères hors utf-8 lus en cp1252"
)


@pytest.mark.parametrize("delimiter", [";", "\t", ",", "|"])
def test_detect_delimiter(delimiter: str) -> None:
    lines = [delimiter.join(["a", "b c", "d"]), delimiter.join(["1", "2,5", "x;y"])]
    if delimiter in ",;":  # the other one inside a quoted cell
        lines[1] = delimiter.join(["1", '"2,5;3"', "x"])
    assert detect_delimiter(lines) == delimiter


def test_detect_delimiter_prefers_the_regular_split() -> None:
    # commas inside unquoted labels split the rows unevenly; the semicolons split them evenly
    lines = ["Compte;Libellé;Montant", "6064;Papier, enveloppes, stylos;12,50", "6068;Encre;3,00"]
    assert detect_delimiter(lines) == ";"
    assert detect_delimiter(["une seule colonne", "rien d'autre"]) == ";"


def test_detect_encoding() -> None:
    assert detect_encoding("Libellé".encode("utf-8-sig")) == "utf-8-sig"
    assert detect_encoding("Libellé".encode("utf-16")) == "utf-16"
    assert detect_encoding("Libellé;Montant".encode()) == "utf-8"
    assert detect_encoding("Libellé;Désignation;Montant payé\n".encode("cp1252")) == "cp1252"
    cut = "Libellé".encode()[:-1]  # the é cut at the end of the sample
    assert detect_encoding(cut) == "utf-8"


def test_cp1252_header_read_alike_by_ledger_and_register(tmp_path: Path) -> None:
    ledger = write_csv(
        tmp_path / "gl.csv",
        [LEDGER_HEADER, ["6064", "Ramettes de papier", "Société Générale d'Écriture", "120,00"]],
        encoding="cp1252",
    )
    register = write_csv(
        tmp_path / "marches.csv",
        [REGISTER_HEADER, ["2025-01", "Élagage", "Ville", "8000", "Clause sociale"]],
        encoding="cp1252",
    )
    for path, header in ((ledger, LEDGER_HEADER), (register, REGISTER_HEADER)):
        sample, rows = sample_csv(path), read_csv_rows(path)
        assert (sample.encoding, sample.delimiter) == ("cp1252", ";")
        assert (rows.encoding, rows.delimiter) == ("cp1252", ";")
        assert sample.rows[0] == rows.rows[0] == header
    read = read_ledger(ledger)
    assert read.inputs[0].encoding == "cp1252"
    assert read.inputs[0].columns["label"] == "Libellé"
    assert read.lines["supplier"].tolist() == ["Société Générale d'Écriture"]
    contracts = read_contracts([register])
    assert "encodage cp1252" in texts(contracts.inputs[0].notes)
    assert contracts.frame["object"].tolist() == ["Élagage"]


def test_quoted_line_break_is_one_row_in_ledgers_and_registers(tmp_path: Path) -> None:
    # The register reader split its text on every line break, quoted or not: the object below
    # was cut in two and « des espaces verts » became a row without contract number.
    register = write_csv(
        tmp_path / "marches.csv",
        [
            REGISTER_HEADER,
            ["2025-01", "Entretien\ndes espaces verts", "Ville", "12500", "Clause sociale"],
            ["2025-02", "Élagage", "Ville", "8000", ""],
        ],
    )
    contracts = read_contracts([register])
    frame = contracts.frame
    assert frame["contract_ref"].tolist() == ["2025-01", "2025-02"]
    assert frame["object"].str.replace("\n", " ").tolist() == [
        "Entretien des espaces verts",
        "Élagage",
    ]
    assert frame["row"].tolist() == [2, 3]  # rows as a spreadsheet shows the file
    assert not [i for i in contracts.issues if i.code == "contract-rows-skipped"]
    ledger = write_csv(
        tmp_path / "gl.csv",
        [
            LEDGER_HEADER,
            ["6064", "Ramettes\nde papier", "Lyreco", "120,00"],
            ["6068", "Encre", "Lyreco", "30,00"],
        ],
    )
    lines = read_ledger(ledger).lines
    assert lines["label"].str.replace("\n", " ").tolist() == ["Ramettes de papier", "Encre"]
    assert lines["row"].tolist() == [2, 3]


def test_pipe_delimited_ledger_and_register(tmp_path: Path) -> None:
    # Only the balance reader knew « | »; a ledger or a register so delimited had no header.
    ledger = write_csv(
        tmp_path / "gl.csv",
        [LEDGER_HEADER, ["6064", "Papier", "Lyreco", "120,50"], ["6068", "Encre", "Lyreco", "30"]],
        delimiter="|",
    )
    read = read_ledger(ledger)
    assert read.inputs[0].delimiter == "|"
    assert read.lines["amount_incl_vat"].tolist() == [120.5, 30.0]
    register = write_csv(
        tmp_path / "marches.csv",
        [REGISTER_HEADER, ["2025-01", "Élagage", "Ville", "8000", "Clause sociale"]],
        delimiter="|",
    )
    assert read_contracts([register]).frame["contract_ref"].tolist() == ["2025-01"]


def _utf8_head_cp1252_body(rows: list[str], last: str) -> bytes:
    """UTF-8 over the whole sample of csv_text (256 KiB), a cp1252 « é » after it."""
    head = "\n".join(rows) + "\n"
    assert len(head.encode()) > 256 * 1024
    return head.encode("utf-8") + (last + "\n").encode("cp1252")


def test_utf8_head_with_cp1252_body_is_noted_by_every_reader(tmp_path: Path) -> None:
    # Two exports end to end. The ledger re-read the whole file in cp1252 (« Café » of the UTF-8
    # part became « CafÃ© ») with a note; the register did so silently and lost its UTF-8
    # header; the balance silently. Now all three keep the UTF-8 text, read the other bytes as
    # cp1252 and say so.
    filler = ["6064;Café;Lyreco;1,00"] * 12000
    ledger = tmp_path / "gl.csv"
    ledger.write_bytes(_utf8_head_cp1252_body([";".join(LEDGER_HEADER), *filler], "6068;Écran;X;2"))
    read = read_ledger(ledger)
    assert read.inputs[0].encoding == "utf-8"
    assert CONTRADICTED in texts(read.inputs[0].notes)
    assert read.lines["label"].iloc[[0, -1]].tolist() == ["Café", "Écran"]

    register = tmp_path / "marches.csv"
    body = [";".join(REGISTER_HEADER)] + [f"M{i};Café;Ville;10;" for i in range(12000)]
    register.write_bytes(_utf8_head_cp1252_body(body, "M-last;Élagage;Ville;20;"))
    contracts = read_contracts([register])
    assert texts(contracts.inputs[0].notes) == [CONTRADICTED]
    assert contracts.frame["object"].iloc[[0, -1]].tolist() == ["Café", "Élagage"]

    header = "exer;ident;lbudg;nomen;compte;obnetdeb"
    path = tmp_path / "balance.csv"
    rows = [header] + ["2024;21380185500015;GRÉSIVAUDAN;M57;6068;1.00"] * 7000
    path.write_bytes(_utf8_head_cp1252_body(rows, "2024;21420218600016;SAINT-ÉTIENNE;M57;6068;2"))
    assert detect(path) is balance
    (table,) = balance.read(path)
    assert table.encoding == "utf-8"
    assert CONTRADICTED in texts(table.notes)
    entity = table.frame[table.header.columns["entity"]]
    assert entity.iloc[[0, -1]].tolist() == ["GRÉSIVAUDAN", "SAINT-ÉTIENNE"]
    assert len(table.frame) == 7001


def test_balance_sniffed_with_any_delimiter_and_bom(tmp_path: Path) -> None:
    for delimiter in (";", ",", "\t", "|"):
        names = ["exer", "ident", "compte", "obnetdeb"]
        text = delimiter.join(names) + "\n" + delimiter.join(["2024", "1", "6068", "2.5"]) + "\n"
        head = "\ufeff".encode() + text.encode()
        assert head_rows(head)[0] == names
        path = tmp_path / "b.csv"
        path.write_bytes(head)
        assert detect(path) is balance
        (table,) = balance.read(path)
        assert table.delimiter == delimiter
        assert table.frame[table.header.columns["amount_incl_vat"]].tolist() == ["2.5"]
    assert head_rows(b"") == [[]]


def test_decode_rows_utf16_and_line_endings() -> None:
    text = 'a;b\r\n"x\r\ny";2\r\n\r\nz;3\r\n'
    rows = decode_rows(text.encode("utf-16"))
    assert rows.encoding == "utf-16"
    assert rows.rows == [["a", "b"], ["x\r\ny", "2"], [], ["z", "3"]]
    assert texts(rows.notes) == []


def test_one_header_search_for_ledgers_and_registers() -> None:
    from achats_durables.contracts.register import find_register_header
    from achats_durables.ledger.headers import find_header, search_header

    rows = [
        ["Grand livre 2025"],
        ["Compte", "Montant TTC"],  # a ledger header: 2 fields
        ["Compte", "Libellé", "Montant TTC"],  # 3 fields: the best
        ["Compte", "Libellé", "Montant TTC"],  # a tie: the first one wins
    ]
    found = find_header(rows)
    assert found is not None
    assert found.row_index == 2
    assert search_header(rows, lambda r: len(r) if len(r) > 1 else None) == 2
    assert search_header(rows, lambda r: None) is None
    assert search_header(rows, len, scan=2) == 1  # only the first two rows are searched
    register = [["Registre"], REGISTER_HEADER, REGISTER_HEADER]
    assert find_register_header(register) == (
        1,
        {"contract_ref": 0, "object": 1, "entity": 2, "amount": 3, "social": 4},
    )
