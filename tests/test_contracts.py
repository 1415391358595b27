"""Contract registers and DECP v2 files (DESIGN §8): reading, considerations, schema issues."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from achats_durables.contracts.model import (
    FRAME_COLUMNS,
    ContractError,
    Contracts,
    entity_aliases,
    match_consideration,
    normalise_considerations,
)
from achats_durables.contracts.read import read_contracts
from achats_durables.core.errors import ExitCode

from .conftest import shared_reference, skip_without_shared, texts, write_csv, write_xlsx

# --------------------------------------------------------------------------- fixtures

REGISTER_HEADER = [
    "N° marché",
    "Objet du marché",
    "Collectivité",
    "SIRET acheteur",
    "Code CPV",
    "Montant HT (€)",
    "Date de notification",
    "Type de procédure",
    "Durée (mois)",
    "Considérations sociales",
    "Clause sociale",
    "Critère environnemental",
    "Considérations environnementales",
    "Heures d'insertion prévues",
    "Heures d'insertion réalisées",
    "Titulaire",
    "SIRET titulaire",
]
REGISTER_ROWS: list[list[Any]] = [
    # ref, objet, entité, siret, cpv, montant, date, procédure, durée, soc, clause soc, crit env, env, h prév, h réal, titulaire, siret
    [
        "2025-001",
        "Nettoyage des locaux",
        "Ville de Blois",
        "212 100 185 00015",
        "90911200",
        120000,
        dt.datetime(2025, 3, 1),
        "Appel d'offres ouvert",
        36,
        "Clause sociale",
        "oui",
        "non",
        "Sans objet",
        1200,
        800,
        "Net Services",
        "123 456 789 00012",
    ],
    [
        "2025-002",
        "Fournitures de bureau",
        "Ville de Blois",
        "21410018500015",
        "30192000-1",
        "45 000,50",
        "15/04/2025",
        "Procédure adaptée",
        "24 mois",
        "Pas de considération sociale",
        "",
        "oui",
        "Clause environnementale, Critère environnemental",
        None,
        None,
        "Papeterie SA",
        "",
    ],
    [
        "2025-003",
        "Travaux de voirie",
        "agglopolys",
        "200030385",
        "45233140",
        "n.c.",
        dt.datetime(2024, 11, 5),
        "Procédure adaptée",
        12,
        "Critère social | Marché réservé",
        "x",
        "",
        "",
        None,
        None,
        "BTP 41",
        "",
    ],
    [
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ],
    [
        "2025-004",
        "Restauration",
        "Ville de Blois",
        "21410018500015",
        "55520000",
        80000,
        dt.datetime(2025, 6, 1),
        "Procédure adaptée",
        48,
        "Clause sociale et critère social",
        "1",
        "Critère environnemental : oui",
        "Clause verte",
        None,
        None,
        "Cuisine Co",
        "",
    ],
    ["", "", "", "", "", "", "", "", "", "Remarque sans marché", "", "", "", "", "", "", ""],
    ["Total", "", "", "", "", 245000, "", "", "", "", "", "", "", "", "", "", ""],
]


@pytest.fixture
def register_xlsx(tmp_path: Path) -> Path:
    title = [
        ["Registre des marchés 2025"],
        ["Ville de Blois — service de la commande publique"],
        [],
    ]
    return write_xlsx(
        tmp_path / "registre.xlsx",
        [*title, REGISTER_HEADER, *REGISTER_ROWS],
        sheet="Marchés",
        extra_sheets={"Notes": [["Ce classeur est tenu par le service achats."]]},
    )


def _marche(ident: str, social: list[str], env: list[str], **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": ident,
        "acheteur": {"id": "21410018500015"},
        "nature": "Marché",
        "objet": f"Marché {ident}",
        "codeCPV": "45233140",
        "techniques": {"technique": ["Sans objet"]},
        "modalitesExecution": {"modaliteExecution": ["Sans objet"]},
        "marcheInnovant": False,
        "ccag": "Travaux",
        "offresRecues": 3,
        "attributionAvance": False,
        "typeGroupementOperateurs": "Pas de groupement",
        "procedure": "Procédure adaptée",
        "lieuExecution": {"code": "41018", "typeCode": "Code commune"},
        "dureeMois": 12,
        "dateNotification": "2025-02-03",
        "datePublicationDonnees": "2025-02-10",
        "montant": 150000,
        "typesPrix": {"typePrix": ["Définitif ferme"]},
        "formePrix": "Forfaitaire",
        "sousTraitanceDeclaree": False,
        "titulaires": [{"titulaire": {"typeIdentifiant": "SIRET", "id": "12345678900012"}}],
        "considerationsSociales": {"considerationSociale": social},
        "considerationsEnvironnementales": {"considerationEnvironnementale": env},
    }
    record.update(extra)
    return record


def _concession() -> dict[str, Any]:
    return {
        "id": "DSP-2025-01",
        "autoriteConcedante": {"id": "21410018500015"},
        "nature": "Délégation de service public",
        "objet": "Gestion du réseau de chaleur",
        "procedure": "Procédure négociée ouverte",
        "dureeMois": 120,
        "dateSignature": "2025-01-15",
        "datePublicationDonnees": "2025-01-20",
        "dateDebutExecution": "2025-02-01",
        "valeurGlobale": 5000000,
        "montantSubventionPublique": 0,
        "concessionnaires": [
            {"concessionnaire": {"typeIdentifiant": "SIRET", "id": "98765432100019"}}
        ],
        "considerationsSociales": {"considerationSociale": ["Concession réservée"]},
        "considerationsEnvironnementales": {
            "considerationEnvironnementale": ["Pas de considération environnementale"]
        },
    }


def _decp_marches() -> list[Any]:
    return [
        _marche("M1", ["Clause sociale"], ["Critère environnemental"], _type="Marché"),
        _marche(
            "M2",
            ["Critère social", "Clause sociale"],
            ["Pas de considération environnementale"],
            actesSousTraitance=[
                {
                    "acteSousTraitance": {
                        "id": 1,
                        "sousTraitant": {"typeIdentifiant": "SIRET", "id": "490 626 199 00049"},
                    }
                }
            ],
        ),
        _marche("M3", ["Pas de considération sociale"], ["Clause verte"], procedure="Gré à gré"),
        _marche("M4-ACCORD", ["Sans objet"], ["Clause environnementale"], idAccordCadre="X" * 20),
        "not a record",
        {"objet": "ni id ni considérations"},
        _marche(
            "M7",
            ["Marché réservé"],
            ["Critère environnemental"],
            acheteur={"id": "214 100 185 00015"},
        ),
    ]


def _write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _values(series: pd.Series) -> Counter[str]:
    return Counter(v for s in series for v in s.split("|") if v)


def _codes(result: Contracts) -> Counter[str]:
    return Counter(i.code for i in result.issues)


# --------------------------------------------------------------------------- considerations


@pytest.mark.parametrize(
    ("token", "kind", "expected"),
    [
        ("Clause sociale", "social", "Clause sociale"),
        ("CLAUSES SOCIALES", "social", "Clause sociale"),
        ("critere social", "social", "Critère social"),
        ("Concession réservée", "social", "Marché réservé"),
        ("Marché réservé", "social", "Marché réservé"),
        ("Pas de considération sociale", "social", ""),
        ("Sans objet", "social", ""),
        ("sans objet", "environmental", ""),
        ("Pas de considération environnementale", "environmental", ""),
        ("Critère environnemental : oui", "environmental", "Critère environnemental"),
        ("Critère environnemental : non", "environmental", ""),
        ("clause environnementale", "environmental", "Clause environnementale"),
        ("Clause environnementale", "social", None),
        ("Clause verte", "environmental", None),
        # a register that says only "yes": a consideration, neither condition nor criterion
        ("Oui", "environmental", "Considération environnementale non précisée"),
        ("environnemental : oui", "environmental", "Considération environnementale non précisée"),
        ("Environnementale : non", "environmental", ""),
        ("x", "social", "Considération sociale non précisée"),
        ("social : oui", "social", "Considération sociale non précisée"),
    ],
)
def test_match_consideration(token: str, kind: str, expected: str | None) -> None:
    assert match_consideration(token, kind) == expected


def test_normalise_combined_values_in_stable_order() -> None:
    found, unknown, informed, raw = normalise_considerations(
        [("Marché réservé; critère social|Clause sociale", None)], "social"
    )
    assert found == ["Clause sociale", "Critère social", "Marché réservé"]
    assert unknown == []
    assert informed
    assert raw == ["Marché réservé; critère social|Clause sociale"]
    found, unknown, informed, _ = normalise_considerations(
        [(["Critère environnemental", "Clause environnementale"], None)], "environmental"
    )
    assert found == ["Clause environnementale", "Critère environnemental"]
    found, unknown, informed, raw = normalise_considerations(
        [(None, None), ("", "Clause sociale")], "social"
    )
    assert (found, unknown, informed, raw) == ([], [], False, [])
    found, unknown, informed, raw = normalise_considerations(
        [("VRAI", "Clause sociale"), ("0", "Critère social"), ("peut-être", "Marché réservé")],
        "social",
    )
    assert found == ["Clause sociale"]
    assert unknown == ["peut-être"]
    assert informed
    assert raw[0] == "Clause sociale : VRAI"


# --------------------------------------------------------------------------- registers


def test_register_xlsx_with_title_block(register_xlsx: Path) -> None:
    result = read_contracts([register_xlsx])
    frame = result.frame
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert list(frame["contract_ref"]) == ["2025-001", "2025-002", "2025-003", "2025-004"]
    assert list(frame["row"]) == [5, 6, 7, 9]
    assert set(frame["sheet"]) == {"Marchés"}
    info = result.inputs[0]
    assert info.format == "register-xlsx"
    assert info.records_read == 4
    assert info.records_refused == 0
    assert "feuille « Notes » ignorée" in " ".join(texts(info.notes))
    assert info.to_dict() == {
        "path": str(register_xlsx),
        "sha256": info.sha256,
        "records_read": 4,
        "records_refused": 0,
        "format": "register-xlsx",
    }
    first = frame.iloc[0]
    assert first["buyer_siret"] == "21210018500015"
    assert first["supplier_siret"] == "12345678900012"
    assert first["entity"] == "Ville de Blois"
    assert first["supplier"] == "Net Services"
    assert first["cpv"] == "90911200"
    assert first["cpv_division"] == "90"
    assert first["amount_eur"] == 120000.0
    assert first["year"] == 2025.0
    assert first["end_date"] == pd.Timestamp("2028-03-01")
    assert first["insertion_hours_planned"] == 1200
    assert first["insertion_hours_done"] == 800
    assert list(frame["social"]) == [
        "Clause sociale",
        "",
        "Clause sociale|Critère social|Marché réservé",
        "Clause sociale|Critère social",
    ]
    assert list(frame["environmental"]) == [
        "",
        "Clause environnementale|Critère environnemental",
        "",
        "Critère environnemental",
    ]
    assert list(frame["has_social"]) == [True, False, True, True]
    assert list(frame["has_environmental"]) == [False, True, False, True]
    assert frame["social_raw"].iloc[0] == "Clause sociale|Clause sociale : oui"
    second = frame.iloc[1]
    assert second["amount_eur"] == 45000.5
    assert second["cpv"] == "30192000"
    assert second["duration_months"] == 24
    assert second["end_date"] == pd.Timestamp("2027-04-15")
    third = frame.iloc[2]
    assert np.isnan(third["amount_eur"])
    assert third["buyer_siret"] == "200030385"
    codes = _codes(result)
    assert codes["contract-amount-unreadable"] == 1
    unknown = [i for i in result.issues if i.code == "contract-consideration-unknown"]
    assert [i.params["value"] for i in unknown] == ["Clause verte"]
    assert unknown[0].params["record"] == "2025-004"
    assert unknown[0].location.row == 9
    assert unknown[0].location.column == "Considérations environnementales"
    assert codes["totals-rows-skipped"] == 1
    assert codes["contract-rows-skipped"] == 1
    # Record 2025-003 has no environmental information at all: one summary issue for the file.
    missing = [i for i in result.issues if i.code == "contract-considerations-missing"]
    assert len(missing) == 1
    assert missing[0].params == {"social": 0, "environmental": 1}
    assert missing[0].severity == "info"


def test_register_csv_cp1252_and_filters(tmp_path: Path) -> None:
    header = [
        "Numéro du marché",
        "Intitulé",
        "Entité",
        "SIRET de l'acheteur",
        "CPV principal",
        "Montant notifié HT",
        "Date notification",
        "Procédure",
        "Considérations sociales",
        "Considérations environnementales",
    ]
    rows = [
        [
            "A1",
            "Entretien des espaces verts",
            "Communauté d'agglomération",
            "200030385 00012",
            "77310000",
            "12 500,00",
            "02/01/2025",
            "Procédure adaptée",
            "Sans objet",
            "Critère environnemental",
        ],
        [
            "A2",
            "Élagage",
            "COMMUNAUTE D'AGGLOMERATION",
            "20003038500012",
            "77211400",
            "8000",
            "15/09/2024",
            "Procédure adaptée",
            "Clause sociale",
            "Sans objet",
        ],
        [
            "A3",
            "Réfection école",
            "Ville",
            "21410018500015",
            "45214210",
            "300000",
            "01/07/2025",
            "Appel d'offres ouvert",
            "Clause sociale;Critère social",
            "",
        ],
    ]
    path = write_csv(tmp_path / "marches.csv", [header, *rows], encoding="cp1252")
    result = read_contracts([path])
    assert result.inputs[0].format == "register-csv"
    assert "encodage cp1252" in texts(result.inputs[0].notes)
    frame = result.frame
    assert list(frame["object"]) == ["Entretien des espaces verts", "Élagage", "Réfection école"]
    assert list(frame["social"]) == ["", "Clause sociale", "Clause sociale|Critère social"]
    assert frame["buyer_siret"].iloc[0] == "20003038500012"

    by_year = read_contracts([path], year=2025)
    assert list(by_year.frame["contract_ref"]) == ["A1", "A3"]
    notes = texts(by_year.inputs[0].notes)  # a filter's note: a Text, French by str()
    assert "1 marché(s) écarté(s) par le filtre --year 2025" in notes
    assert by_year.inputs[0].records_read == 3
    assert by_year.inputs[0].records_refused == 0
    by_buyer = read_contracts([path], buyer="200 030 385")
    assert list(by_buyer.frame["contract_ref"]) == ["A1", "A2"]
    by_entity = read_contracts([path], entity="communaute d’agglomération".replace("’", "'"))
    assert list(by_entity.frame["contract_ref"]) == ["A1", "A2"]
    since = read_contracts([path], since=dt.date(2025, 3, 1))
    assert list(since.frame["contract_ref"]) == ["A3"]
    both = read_contracts([path], buyer="200030385", year=2025)
    assert list(both.frame["contract_ref"]) == ["A1"]
    assert texts(both.inputs[0].notes)[-2:] == [
        "1 marché(s) écarté(s) par le filtre --buyer 200030385",
        "1 marché(s) écarté(s) par le filtre --year 2025",
    ]
    with pytest.raises(ContractError) as err:
        read_contracts([path], buyer="Agglopolys")
    assert err.value.exit_code == ExitCode.INPUT


def test_register_profile_and_no_header(tmp_path: Path) -> None:
    rows = [
        ["Réf. interne", "Désignation", "Montant HT", "Clause sociale"],
        ["R1", "Papier", "100", "non"],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    result = read_contracts([path], profile={"contract_ref": "Réf. interne"})
    assert list(result.frame["contract_ref"]) == ["R1"]
    assert list(result.frame["has_social"]) == [False]
    bad = write_xlsx(tmp_path / "bad.xlsx", [["Foo", "Bar"], [1, 2]])
    with pytest.raises(ContractError, match="aucun en-tête de registre"):
        read_contracts([bad])


# --------------------------------------------------------------------------- DECP JSON


@pytest.mark.parametrize("layout", ["official", "marches-list", "bare-list"])
def test_decp_json_layouts(tmp_path: Path, layout: str) -> None:
    marches, concession = _decp_marches(), _concession()
    data: Any = {
        "official": {"marches": {"marche": marches, "contrat-concession": [concession]}},
        "marches-list": {"marches": [*marches, concession]},
        "bare-list": [*marches, concession],
    }[layout]
    path = _write_json(tmp_path / f"decp-{layout}.json", data)
    result = read_contracts([path])
    info = result.inputs[0]
    assert info.format == "decp-json"
    assert (info.records_read, info.records_refused) == (6, 2)
    assert info.records_read + info.records_refused == len(marches) + 1
    frame = result.frame
    assert list(frame["record_id"]) == ["M1", "M2", "M3", "M4-ACCORD", "M7", "DSP-2025-01"]
    assert list(frame["row"]) == [1, 2, 3, 4, 7, 8]
    assert list(frame["social"]) == [
        "Clause sociale",
        "Clause sociale|Critère social",
        "",
        "",
        "Marché réservé",
        "Marché réservé",
    ]
    assert list(frame["has_environmental"]) == [True, False, False, True, True, False]
    concession_row = frame.iloc[-1]
    assert concession_row["nature"] == "Contrat de concession"
    assert concession_row["amount_eur"] == 5_000_000
    assert concession_row["notification_date"] == pd.Timestamp("2025-01-15")
    assert concession_row["supplier_siret"] == "98765432100019"
    assert concession_row["entity"] == ""
    assert "contrat(s) de concession" in " ".join(texts(info.notes))
    assert frame.iloc[4]["buyer_siret"] == "21410018500015"
    by_code: dict[str, list[Any]] = {}
    for issue in result.issues:
        by_code.setdefault(issue.code, []).append(issue)
    refused = by_code["decp-record-refused"]
    assert len(refused) == 2
    assert all(i.severity == "error" for i in refused)
    assert "n° 5" in refused[0].message()
    assert "n° 6" in refused[1].message()
    extra = by_code["decp-extra-property"]
    assert [(i.params["record"], i.params["property"]) for i in extra] == [
        ("« M1 » (n° 1)", "_type")
    ]
    spaces = by_code["decp-siret-spaces"]
    assert {i.params["value"] for i in spaces} == {"490 626 199 00049", "214 100 185 00015"}
    assert "M2" in spaces[0].message()
    not_allowed = {
        (i.params["field"], i.params["value"]) for i in by_code["decp-value-not-allowed"]
    }
    assert ("procedure", "Gré à gré") in not_allowed
    assert ("considerationsSociales", "Sans objet") in not_allowed
    assert ("considerationsSociales", "Concession réservée") not in not_allowed
    assert [i.params["field"] for i in by_code["decp-id-invalid"]] == ["idAccordCadre"]
    unknown = by_code["contract-consideration-unknown"]
    assert [(i.params["record"], i.params["value"]) for i in unknown] == [
        ("« M3 » (n° 3)", "Clause verte")
    ]
    assert "contract-considerations-missing" not in by_code


def test_decp_entity_by_siren_or_siret(tmp_path: Path) -> None:
    marches = [
        _marche("V1", ["Clause sociale"], ["Sans objet"], acheteur={"id": "21410018200012"}),
        _marche("V2", ["Clause sociale"], ["Sans objet"], acheteur={"id": "21410018200038"}),
        _marche("A1", ["Clause sociale"], ["Sans objet"], acheteur={"id": "20001783000011"}),
    ]
    path = _write_json(tmp_path / "decp.json", {"marches": {"marche": marches}})
    # DECP v2 gives the buyer's SIRET (acheteur.id), no name: --entity finds it by SIREN or SIRET
    assert list(read_contracts([path], entity="214100182").frame["record_id"]) == ["V1", "V2"]
    assert list(read_contracts([path], entity="214 100 182 00038").frame["record_id"]) == ["V2"]
    assert list(read_contracts([path], entity="Ville|200017830").frame["record_id"]) == ["A1"]
    notes = [str(n) for n in read_contracts([path], entity="214100182").inputs[0].notes]
    assert "1 marché(s) écarté(s) par le filtre --entity « 214100182 »" in notes
    assert read_contracts([path], entity="2141001").frame.empty  # 7 digits: neither SIREN nor SIRET


def test_entity_aliases_from_the_config() -> None:
    entities = [("Ville de Blois", "214100182"), ("Agglopolys", "200017830")]
    assert entity_aliases("214100182", entities) == "214100182|Ville de Blois"
    assert entity_aliases("21410018200038", entities) == "21410018200038|Ville de Blois|214100182"
    assert entity_aliases("agglopolys", entities) == "agglopolys|Agglopolys|200017830"
    assert entity_aliases("CIAS", entities) == "CIAS"


def test_decp_json_missing_fields_and_shapes(tmp_path: Path) -> None:
    record = _marche("S1", [], [])
    del record["montant"]
    record["considerationsSociales"] = "Clause sociale, Critère social"
    record["considerationsEnvironnementales"] = {"considerationEnvironnementale": "Sans objet"}
    record["dateNotification"] = "2025-13-45"
    no_id = _marche("", ["Clause sociale"], ["Sans objet"])
    path = _write_json(tmp_path / "d.json", {"marches": {"marche": [record, no_id]}})
    result = read_contracts([path])
    assert result.inputs[0].records_read == 2
    frame = result.frame
    assert list(frame["social"]) == ["Clause sociale|Critère social", "Clause sociale"]
    assert np.isnan(frame["amount_eur"].iloc[0])
    assert pd.isna(frame["notification_date"].iloc[0])
    codes = _codes(result)
    assert codes["decp-field-shape"] == 2
    assert codes["decp-required-missing"] == 2
    assert codes["contract-value-unreadable"] == 1
    missing = [i.params["fields"] for i in result.issues if i.code == "decp-required-missing"]
    assert missing == ["montant", "id"]


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"not json at all", "pas un fichier JSON valide"),
        (b'{"foo": 1}', "non reconnu comme des donn"),
        (b"\xff\xfe\x00garbage", "JSON"),
    ],
)
def test_decp_json_refused_files(tmp_path: Path, content: bytes, match: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(ContractError, match=match) as err:
        read_contracts([path])
    assert "x.json" in str(err.value)
    assert err.value.exit_code == 3


def test_missing_and_unsupported_files(tmp_path: Path) -> None:
    with pytest.raises(ContractError, match="introuvable"):
        read_contracts([tmp_path / "absent.json"])
    other = tmp_path / "a.pdf"
    other.write_bytes(b"%PDF")
    with pytest.raises(ContractError, match="non pris en charge"):
        read_contracts([other])
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    with pytest.raises(ContractError, match="vide"):
        read_contracts([empty])


def test_empty_selection_keeps_every_column(tmp_path: Path) -> None:
    path = _write_json(tmp_path / "d.json", [_marche("Z", ["Clause sociale"], ["Sans objet"])])
    result = read_contracts([path], year=1999)
    assert result.frame.empty
    assert list(result.frame.columns) == list(FRAME_COLUMNS)
    assert result.inputs[0].records_read == 1
    assert read_contracts([]).frame.columns.tolist() == list(FRAME_COLUMNS)


def test_decp_tabular_csv_dedup(tmp_path: Path) -> None:
    header = [
        "uid",
        "id",
        "acheteur_id",
        "acheteur_nom",
        "objet",
        "codeCPV",
        "montant",
        "dateNotification",
        "procedure",
        "dureeMois",
        "titulaire_id",
        "titulaire_nom",
        "considerationsSociales",
        "considerationsEnvironnementales",
    ]
    rows = [
        [
            "X1",
            "1",
            "21410018500015",
            "VILLE DE BLOIS",
            "Voirie",
            "45233140",
            "1000",
            "2025-01-02",
            "Procédure adaptée",
            "6",
            "111",
            "A",
            "Clause sociale, Critère social",
            "Sans objet",
        ],
        [
            "X1",
            "1",
            "21410018500015",
            "VILLE DE BLOIS",
            "Voirie",
            "45233140",
            "1000",
            "2025-01-02",
            "Procédure adaptée",
            "6",
            "222",
            "B",
            "Clause sociale, Critère social",
            "Sans objet",
        ],
        [
            "X2",
            "2",
            "21410018500015",
            "VILLE DE BLOIS",
            "Toiture",
            "45261210",
            "2000",
            "2025-02-02",
            "Procédure adaptée",
            "6",
            "333",
            "C",
            "",
            "",
        ],
    ]
    path = write_csv(tmp_path / "decp.csv", [header, *rows], delimiter=",", encoding="utf-8")
    result = read_contracts([path], entity="Ville de Blois")
    info = result.inputs[0]
    assert info.format == "decp-csv"
    assert info.records_read == 2
    assert any("dédoublonnées sur uid" in n for n in texts(info.notes))
    frame = result.frame
    assert list(frame["social"]) == ["Clause sociale|Critère social", ""]
    assert list(frame["supplier"]) == ["A", "C"]
    assert list(frame["row"]) == [2, 4]
    missing = [i for i in result.issues if i.code == "contract-considerations-missing"]
    assert missing[0].params == {"social": 1, "environmental": 1}


# --------------------------------------------------------------------------- real shared files


def _decp_dir() -> Path:
    ref = shared_reference()
    if ref is None or not (ref / "decp" / "decp_v2_emarchespublics_shared.json").is_file():
        skip_without_shared()
    return ref / "decp"


SOCIAL_NONE = "Pas de considération sociale"
ENV_NONE = "Pas de considération environnementale"


def test_shared_decp_json_cross_check() -> None:
    path = _decp_dir() / "decp_v2_emarchespublics_shared.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    records = raw["marches"]["marche"] + raw["marches"]["contrat-concession"]
    social_counts: Counter[str] = Counter()
    env_counts: Counter[str] = Counter()
    with_social = with_env = 0
    for rec in records:
        soc = rec["considerationsSociales"]["considerationSociale"]
        env = rec["considerationsEnvironnementales"]["considerationEnvironnementale"]
        soc = ["Marché réservé" if v == "Concession réservée" else v for v in soc]
        social_counts.update(v for v in soc if v != SOCIAL_NONE)
        env_counts.update(v for v in env if v != ENV_NONE)
        with_social += any(v != SOCIAL_NONE for v in soc)
        with_env += any(v != ENV_NONE for v in env)
    type_fields = sum("_type" in rec for rec in records)
    spaced: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif (
            isinstance(node, str) and " " in node and re.fullmatch(r"\d{14}", node.replace(" ", ""))
        ):
            spaced.append(node)

    walk(records)

    result = read_contracts([path])
    info = result.inputs[0]
    assert info.records_read + info.records_refused == len(records) == 540
    assert info.records_refused == 0
    frame = result.frame
    assert _values(frame["social"]) == social_counts
    assert _values(frame["environmental"]) == env_counts
    assert int(frame["has_social"].sum()) == with_social
    assert int(frame["has_environmental"].sum()) == with_env
    assert frame["has_social"].mean() == pytest.approx(with_social / len(records))
    assert frame["has_environmental"].mean() == pytest.approx(with_env / len(records))
    # README figures for the shared split (538 marchés): 14.5 % social, 13.9 % environmental.
    marches = frame[frame["nature"] != "Contrat de concession"]
    assert round(marches["has_social"].mean(), 3) == 0.145
    assert round(marches["has_environmental"].mean(), 3) == 0.139
    codes = _codes(result)
    assert codes["decp-extra-property"] == type_fields == 24
    assert codes["decp-siret-spaces"] == len(spaced) >= 1
    reported = {i.params["value"] for i in result.issues if i.code == "decp-siret-spaces"}
    assert reported == set(spaced)
    assert codes["contract-consideration-unknown"] == 0
    assert (frame["nature"] == "Contrat de concession").sum() == 2
    assert marches["cpv"].str.fullmatch(r"\d{8}").all()
    assert frame["buyer_siret"].str.fullmatch(r"\d{14}").all()


def test_shared_flat_csv_matches_json() -> None:
    folder = _decp_dir()
    flat = read_contracts([folder / "decp_v2_emarchespublics_shared_flat.csv"])
    with (folder / "decp_v2_emarchespublics_shared_flat.csv").open(encoding="utf-8") as handle:
        n_rows = sum(1 for _ in csv.DictReader(handle))
    assert flat.inputs[0].format == "decp-csv"
    assert flat.inputs[0].records_read == n_rows == 538
    marches = read_contracts([folder / "decp_v2_emarchespublics_shared.json"]).frame
    marches = marches[marches["nature"] != "Contrat de concession"]
    assert _values(flat.frame["social"]) == _values(marches["social"])
    assert _values(flat.frame["environmental"]) == _values(marches["environmental"])
    assert flat.frame["amount_eur"].sum() == pytest.approx(marches["amount_eur"].sum())


def test_shared_tabular_csv_dedup_on_uid() -> None:
    path = _decp_dir() / "decp_tabular_2024H2_travaux_cpv4521_shared.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    uids = {r["uid"] for r in rows}
    result = read_contracts([path])
    assert len(rows) == 4478
    assert len(uids) == 2562
    assert result.inputs[0].records_read == len(uids)
    assert result.frame["contract_ref"].notna().all()
    assert any("4478 ligne(s), 2562 marché(s)" in n for n in texts(result.inputs[0].notes))
    codes = _codes(result)
    assert codes["contract-no-consideration-columns"] == 1
    assert codes["decp-duplicate-conflict"] == 1
    assert not result.frame["has_social"].any()
    loir_et_cher = read_contracts([path], entity="commune de Mondoubleau (mairie)")
    assert len(loir_et_cher.frame) >= 1
    assert set(loir_et_cher.frame["buyer_siret"]) == {"21410143800015"}
    by_siren = read_contracts([path], buyer="214 101 438")
    assert len(by_siren.frame) == len(loir_et_cher.frame)


def test_register_ods_and_corrupt_xlsx(tmp_path: Path) -> None:
    from .conftest import write_ods

    rows = [
        ["Registre"],
        ["Référence", "Intitulé", "Montant HT", "Clause environnementale", "Critère social"],
        ["O1", "Chauffage", 1000, "Oui", "Non"],
    ]
    result = read_contracts([write_ods(tmp_path / "r.ods", rows)])
    assert list(result.frame["environmental"]) == ["Clause environnementale"]
    assert list(result.frame["has_social"]) == [False]
    assert list(result.frame["row"]) == [3]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a zip")
    with pytest.raises(ContractError) as err:
        read_contracts([broken])
    assert "broken.xlsx" in str(err.value)


def test_many_schema_issues_are_capped_with_a_summary(tmp_path: Path) -> None:
    records = [_marche(f"T{i}", ["Sans objet"], ["Sans objet"], _type="Marché") for i in range(520)]
    result = read_contracts([_write_json(tmp_path / "big.json", records)])
    codes = _codes(result)
    assert codes["decp-extra-property"] == 500
    summary = [i for i in result.issues if i.code == "contract-issues-truncated"]
    assert [(i.params["issue_code"], i.params["count"]) for i in summary] == [
        ("decp-extra-property", 20),
        ("decp-value-not-allowed", 2 * 520 - 500),
    ]
    assert result.inputs[0].records_read == 520
    # the summary renders (a parameter named « code » once clashed with render()'s own)
    assert (
        summary[0].message("fr")
        == "big.json : 20 autre(s) signalement(s) « decp-extra-property » non détaillé(s)."
    )


def test_clauses_command_survives_more_than_500_issues_of_one_code(tmp_path: Path) -> None:
    """Issue 16: `achats clauses` exited 4 (internal error) on a file with > 500 issues."""
    from typer.testing import CliRunner

    from achats_durables import cli

    records = [_marche(f"T{i}", ["Sans objet"], ["Sans objet"], _type="Marché") for i in range(520)]
    path = _write_json(tmp_path / "big.json", records)
    result = CliRunner().invoke(cli.app, ["clauses", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "20 autre(s) signalement(s) « decp-extra-property »" in result.stdout
