"""achats run and achats compare: configuration errors, consolidation, cron behaviour."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.core.errors import ConfigError
from achats_durables.knowledge.config import load_config
from achats_durables.tracking.compare import compare_reports, decompose, load_report

from .conftest import write_xlsx

HEADER = [
    "Exercice",
    "Collectivité",
    "Nature",
    "Libellé",
    "Fournisseur",
    "SIRET",
    "Montant HT",
    "N° marché",
]
VILLE, AGGLO = "111111111", "222222222"


def ledger_rows(year: int, scale: float) -> list[list[object]]:
    return [
        [year, "Ville", "6064", "Ramettes", "Papeterie", "33333333300011", 1000 * scale, "M-1"],
        [
            year,
            "Ville",
            "611",
            "Collecte",
            "Agglo",
            f"{AGGLO}00015",
            5000 * scale,
            "",
        ],  # intra-group
        [year, "Agglo", "2183", "Portables", "Info", "44444444400011", 3000 * scale, ""],
        [year, "Agglo", "6411", "Salaires", "", "", 9000, ""],
    ]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    write_xlsx(tmp_path / "gl-2024.xlsx", [HEADER, *ledger_rows(2024, 1.0)])
    write_xlsx(tmp_path / "gl-2025.xlsx", [HEADER, *ledger_rows(2025, 1.5)])
    write_xlsx(
        tmp_path / "marches.xlsx",
        [
            [
                "N° marché",
                "Entité",
                "Objet",
                "Code CPV",
                "Montant HT",
                "Date de notification",
                "Considérations sociales",
                "Considérations environnementales",
            ],
            [
                "M-1",
                "Ville",
                "Papier",
                "30197630",
                4000,
                "01/01/2024",
                "Sans objet",
                "Clause environnementale",
            ],
        ],
    )
    config = {
        "output": "rapports",
        "entities": [{"name": "Ville", "siren": VILLE}, {"name": "Agglo", "siren": AGGLO}],
        "years": {
            2024: {"ledgers": ["gl-2024.xlsx"], "contracts": ["marches.xlsx"]},
            2025: {"ledgers": ["gl-2025.*"]},
        },
        "targets": {"pcaet": {"base_year": 2024, "yearly_reduction": 0.04, "target_year": 2030}},
    }
    (tmp_path / "achats.yaml").write_text(
        yaml.safe_dump(config, allow_unicode=True), encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("years:\n  2025:\n    ledger: [a.xlsx]\n", "clé inconnue « years.2025.ledger » (ligne 3)"),
        (
            "years:\n  2025:\n    ledgers: [absent-*.xlsx]\n",
            "clé « years.2025.ledgers[0] » (ligne 3) : aucun fichier ne correspond à « absent-*.xlsx »",
        ),
        (
            "default_vat_rate: beaucoup\n",
            "clé « default_vat_rate » (ligne 1) : un taux est attendu",
        ),
        (
            "targets:\n  pcaet:\n    base_year: 2025\n    yearly_reduction: 4\n    target_year: 2020\n",
            "clé « targets.pcaet.target_year » (ligne 5) : l'année cible doit suivre",
        ),
        ("entities:\n  - {name: X, siren: 12}\n", "clé « entities[0].siren » (ligne 2)"),
        ("ouput: rapports\n", "clé inconnue « ouput » (ligne 1)"),
    ],
)
def test_config_errors_name_key_path_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "achats.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value)
    result = CliRunner().invoke(cli.app, ["run", "--config", str(path)])
    assert result.exit_code == 3


def test_run_consolidates_and_is_idempotent(workspace: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli.app, ["run", "--config", str(workspace / "achats.yaml"), "--no-xlsx"]
    )
    assert result.exit_code == 0, result.output
    out = workspace / "rapports"
    group = json.loads((out / "2024" / "groupe" / "empreinte.json").read_text(encoding="utf-8"))
    ville = json.loads((out / "2024" / "ville" / "empreinte.json").read_text(encoding="utf-8"))
    agglo = json.loads((out / "2024" / "agglo" / "empreinte.json").read_text(encoding="utf-8"))
    # the 5 000 € flow from Ville to Agglo is internal: eliminated from the group, shown
    assert group["reconciliation"]["spend_excluded_eur"] == 5000 + 9000
    assert any(i["code"] == "intra-group-excluded" for i in group["issues"])
    assert group["totals"]["spend_excl_vat_eur"] == 4000
    assert ville["totals"]["spend_excl_vat_eur"] + agglo["totals"]["spend_excl_vat_eur"] == 4000
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["exit_code"] == 0
    assert {f["scope"] for f in summary["figures"]} == {"groupe", "ville", "agglo"}
    assert (
        next(f for f in summary["figures"] if f["scope"] == "groupe" and f["year"] == 2024)[
            "intra_group_eliminated_eur"
        ]
        == 5000
    )
    assert all(len(o["sha256"]) == 64 for o in summary["outputs"])
    assert (out / "2024" / "groupe" / "clauses.json").exists()
    assert (out / "achats-run.log").read_text(encoding="utf-8").count("fin de l'exécution") == 1
    reports = sorted(
        p for p in out.rglob("*") if p.suffix in (".json", ".csv") and p.name != "summary.json"
    )
    before = {p: p.read_bytes() for p in reports}
    again = runner.invoke(cli.app, ["run", "--config", str(workspace / "achats.yaml"), "--no-xlsx"])
    assert again.exit_code == 0
    assert {p: p.read_bytes() for p in reports} == before


def test_run_without_a_terminal_has_no_colour(workspace: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "achats_durables",
            "run",
            "--config",
            str(workspace / "achats.yaml"),
            "--no-xlsx",
        ],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout + result.stderr
    assert "fin de l'exécution" in result.stderr


def test_second_concurrent_run_is_refused(workspace: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from achats_durables.operations.run import run_lock
            with run_lock(Path({str(workspace / "rapports")!r})):
                print("locked", flush=True)
                time.sleep(30)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        result = CliRunner().invoke(cli.app, ["run", "--config", str(workspace / "achats.yaml")])
        assert result.exit_code == 3
        assert "une autre exécution d'achats run travaille déjà dans ce dossier" in " ".join(
            result.stderr.split()
        )
        assert not (workspace / "rapports" / "summary.json").exists()
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_every_module_imports_and_the_lock_works_without_fcntl(tmp_path: Path) -> None:
    """Windows has no ``fcntl``: every module must import and ``achats run`` must still lock."""
    script = textwrap.dedent(f"""
        import importlib, os, pkgutil, sys
        from pathlib import Path
        sys.modules["fcntl"] = None  # import fcntl now raises ImportError, as on Windows
        import achats_durables
        names = [m.name for m in pkgutil.walk_packages(achats_durables.__path__, "achats_durables.")]
        for name in names:
            if not name.endswith("__main__"):
                importlib.import_module(name)
        print("imported", len(names))
        from achats_durables.operations.run import RunError, run_lock
        folder = Path({str(tmp_path / "rapports")!r})
        with run_lock(folder):
            try:
                with run_lock(folder):
                    print("second lock granted")
            except RunError as exc:
                print("pid shown" if f"processus {{os.getpid()}}" in exc.render("fr") else "no pid")
                print("refused", exc.code)
        with run_lock(folder):
            print("relocked")
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    imported, *rest = result.stdout.splitlines()
    assert imported.startswith("imported ")
    assert int(imported.split()[1]) > 30
    assert rest == ["pid shown", "refused run-locked", "relocked"]


def test_run_killed_while_writing_leaves_previous_reports_readable(workspace: Path) -> None:
    config = str(workspace / "achats.yaml")
    assert CliRunner().invoke(cli.app, ["run", "--config", config, "--no-xlsx"]).exit_code == 0
    out = workspace / "rapports"
    previous = {p: p.read_bytes() for p in out.rglob("*.json")}
    # Second run on changed inputs, killed (SIGKILL) in the middle of writing its third file.
    write_xlsx(workspace / "gl-2024.xlsx", [HEADER, *ledger_rows(2024, 3.0)])
    script = textwrap.dedent(f"""
        import os, signal
        import achats_durables.writers as w
        calls = {{"n": 0}}
        original = w._write_bytes
        def dying(path, data):
            calls["n"] += 1
            if calls["n"] == 3:
                path.write_bytes(data[: len(data) // 2])
                os.kill(os.getpid(), signal.SIGKILL)
            original(path, data)
        w._write_bytes = dying
        from achats_durables.operations.run import run_batch
        run_batch({config!r}, xlsx=False)
    """)
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert killed.returncode == -signal.SIGKILL
    for path, old in previous.items():
        data = path.read_bytes()
        json.loads(data)  # every report is whole: the old one or a complete new one
        if path.name == "summary.json":
            assert data == old  # the summary is written last: still the previous run's
    changed = [p for p, old in previous.items() if p.read_bytes() != old]
    assert len(changed) == 1  # the first report of the killed run was completed and renamed


def test_compare_decomposition_adds_up(workspace: Path) -> None:
    assert (
        CliRunner()
        .invoke(cli.app, ["run", "--config", str(workspace / "achats.yaml"), "--no-xlsx"])
        .exit_code
        == 0
    )
    out = workspace / "rapports"
    a = load_report(out / "2024" / "groupe" / "empreinte.json")
    b = load_report(out / "2025" / "groupe" / "empreinte.json")
    step = decompose(a.data, b.data)
    parts = (
        step["volume_effect_tco2e"] + step["factor_effect_tco2e"] + step["perimeter_effect_tco2e"]
    )
    assert parts == pytest.approx(step["change_tco2e"], abs=1e-5)
    # 2025 spend is 1.5 × 2024 with the same euro-year (2023): all of it is a volume effect
    assert step["volume_effect_tco2e"] == pytest.approx(
        0.5 * a.data["totals"]["emissions_tco2e"], rel=1e-4
    )
    cfg = load_config(workspace / "achats.yaml")
    cmp = compare_reports([a, b], trajectory=cfg.trajectory)
    traj = {t["year"]: t for t in cmp.trajectory}
    assert traj[2025]["target_tco2e"] == pytest.approx(
        a.data["totals"]["emissions_tco2e"] * 0.96, rel=1e-4
    )
    assert traj[2025]["on_track"] is False
    result = CliRunner().invoke(
        cli.app, ["compare", "--config", str(workspace / "achats.yaml"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["changes"][0]["from"] == "2024"


def test_factor_effect_when_only_the_euro_year_changes() -> None:
    def report(e: float, s: float) -> dict[str, object]:
        return {
            "totals": {"emissions_tco2e": e},
            "by_factor": [
                {"key": "naf-C17", "label": "Papier", "spend_excl_vat_eur": s, "emissions_tco2e": e}
            ],
            "factor_sets": [],
        }

    step = decompose(report(4.77, 10000), report(3.57, 10000))
    assert step["volume_effect_tco2e"] == 0
    assert step["factor_effect_tco2e"] == pytest.approx(-1.2)
    assert step["perimeter_effect_tco2e"] == 0


def test_init_then_run_on_the_filled_templates(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import load_workbook

    folder = tmp_path / "vineuil"
    runner = CliRunner()
    created = runner.invoke(
        cli.app,
        [
            "init",
            str(folder),
            "--entity",
            "Commune de Vineuil",
            "--siren",
            "214 102 696",
            "--year",
            "2025",
        ],
    )
    assert created.exit_code == 0, created.output
    assert f"créé : {folder / 'achats.yaml'}" in created.stderr
    next_step = (
        f"Remplissez les modèles, puis lancez : achats run --config {folder / 'achats.yaml'}"
    )
    assert next_step in " ".join(created.stderr.split())
    again = runner.invoke(cli.app, ["init", str(folder), "--entity", "Commune de Vineuil"])
    assert again.exit_code == 3  # never overwrites
    ledger = folder / "grand-livre-2025.xlsx"
    wb = load_workbook(ledger)
    ws = wb["Grand livre"]
    rows = [
        [
            2025,
            "Commune de Vineuil",
            1,
            dt.date(2025, 3, 1),
            "6064",
            "020",
            "Ramettes",
            "Papeterie",
            "12345678900012",
            1000,
            0.2,
            1200,
            "2025-001",
            None,
        ],
        [
            2025,
            "Commune de Vineuil",
            2,
            dt.date(2025, 4, 1),
            "615231",
            "822",
            "Voirie",
            "TP",
            "98765432100011",
            20000,
            0.2,
            24000,
            None,
            None,
        ],
        [
            2025,
            "Commune de Vineuil",
            3,
            dt.date(2025, 5, 1),
            "64111",
            "020",
            "Salaires",
            None,
            None,
            50000,
            0,
            50000,
            None,
            None,
        ],
    ]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    wb.save(ledger)
    register = folder / "registre-marches.xlsx"
    wb = load_workbook(register)
    ws = wb["Marchés"]
    header = [c.value for c in ws[1]]
    values = {
        "N° marché": "2025-001",
        "Entité": "Commune de Vineuil",
        "Objet": "Papier",
        "Code CPV": "30197630",
        "Montant HT": 4000,
        "Date de notification": dt.date(2025, 1, 10),
        "Considérations sociales": "Pas de considération sociale",
        "Considérations environnementales": "Clause environnementale",
    }
    for name, value in values.items():
        ws.cell(row=2, column=header.index(name) + 1, value=value)
    wb.save(register)
    result = runner.invoke(cli.app, ["run", "--config", str(folder / "achats.yaml"), "--no-xlsx"])
    assert result.exit_code == 0, result.output
    out = folder / "rapports" / "2025" / "commune-de-vineuil"
    report = json.loads((out / "empreinte.json").read_text(encoding="utf-8"))
    assert report["reconciliation"]["rows_mapped"] == 2
    assert report["reconciliation"]["rows_excluded"] == 1
    clauses = json.loads((out / "clauses.json").read_text(encoding="utf-8"))
    assert clauses["totals"]["contracts"] == 1
    assert clauses["ledger_join"]["with_environmental"]["lines"] == 1
    config = str(folder / "achats.yaml")
    english = runner.invoke(cli.app, ["run", "--config", config, "--no-xlsx", "--lang", "en"])
    assert english.exit_code == 0, english.output
    assert f"file(s) written in {folder / 'rapports'}; log: " in " ".join(english.stderr.split())


def test_entity_matched_by_siren_when_names_differ(tmp_path: Path) -> None:
    header = ["Exercice", "Budget", "SIRET budget", "Nature", "Libellé", "Montant HT"]
    write_xlsx(
        tmp_path / "gl.xlsx",
        [
            header,
            [2025, "VILLE - BUDGET PRINCIPAL", f"{VILLE}00012", "6064", "Papier", 100],
            [2025, "AGGLO BP", f"{AGGLO}00015", "6064", "Papier", 300],
        ],
    )
    config = {
        "entities": [{"name": "Ville", "siren": VILLE}, {"name": "Agglo", "siren": AGGLO}],
        "years": {2025: {"ledgers": ["gl.xlsx"]}},
    }
    (tmp_path / "achats.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = CliRunner().invoke(
        cli.app, ["run", "--config", str(tmp_path / "achats.yaml"), "--no-xlsx"]
    )
    assert result.exit_code == 0, result.output
    ville = json.loads(
        (tmp_path / "rapports" / "2025" / "ville" / "empreinte.json").read_text(encoding="utf-8")
    )
    assert ville["reconciliation"]["spend_read_eur"] == 100


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (
            ["Groupe", "Agglo"],
            "clé « entities[0].name » (ligne 3) : l'entité « Groupe » aurait le même dossier de "
            "rapports « groupe » que « Groupe (consolidé) », et l'un écraserait l'autre.",
        ),
        (
            ["Ville de Blois", "VILLE DE BLOIS !"],
            "clé « entities[1].name » (ligne 5) : l'entité « VILLE DE BLOIS ! » aurait le même "
            "dossier de rapports « ville-de-blois » que « Ville de Blois », et l'un écraserait "
            "l'autre. Supprimez le doublon ou donnez-lui un nom qui s'écrit autrement",
        ),
        (
            ["Agglo", "Ville", "Agglo É", "agglo-é"],
            "clé « entities[3].name » (ligne 9) : l'entité « agglo-é » aurait le même dossier",
        ),
    ],
)
def test_entity_folders_that_collide_are_refused(
    tmp_path: Path, names: list[str], message: str
) -> None:
    write_xlsx(tmp_path / "gl.xlsx", [HEADER, *ledger_rows(2025, 1.0)])
    lines = ["years: {2025: {ledgers: [gl.xlsx]}}", "entities:"]
    for name in names:
        lines += [f'  - name: "{name}"', "    group: g"]
    config = tmp_path / "achats.yaml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["run", "--config", str(config), "--no-xlsx"])
    assert result.exit_code == 3, result.output
    assert message in " ".join(result.stderr.split())
    assert not (tmp_path / "rapports").exists()


def test_entity_folders_and_summary_outputs_are_unique(workspace: Path) -> None:
    result = CliRunner().invoke(
        cli.app, ["run", "--config", str(workspace / "achats.yaml"), "--no-xlsx"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((workspace / "rapports" / "summary.json").read_text(encoding="utf-8"))
    paths = [o["path"] for o in summary["outputs"]]
    assert len(paths) == len(set(paths))


def test_run_and_help_on_an_ascii_terminal(workspace: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    command = [sys.executable, "-m", "achats_durables"]
    helped = subprocess.run(
        [*command, "--help"], capture_output=True, text=True, env=env, check=False
    )
    assert helped.returncode == 0, helped.stderr
    assert "Traceback" not in helped.stderr
    assert "v?rifier" in helped.stdout  # « vérifier », replaced, not a crash
    ran = subprocess.run(
        [*command, "run", "--config", str(workspace / "achats.yaml"), "--no-xlsx"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert "Traceback" not in ran.stderr


def test_run_writes_one_document_per_scope(workspace: Path) -> None:
    """rapport.html and rapport.pdf in each scope folder: footprint, clauses, AGEC, method."""
    result = CliRunner().invoke(cli.app, ["run", "--config", str(workspace / "achats.yaml")])
    assert result.exit_code == 0, result.output
    out = workspace / "rapports" / "2024"
    summary = json.loads((workspace / "rapports" / "summary.json").read_text(encoding="utf-8"))
    listed = {o["path"] for o in summary["outputs"]}
    for scope in ("groupe", "ville", "agglo"):
        html = (out / scope / "rapport.html").read_text(encoding="utf-8")
        assert (out / scope / "rapport.pdf").read_bytes().startswith(b"%PDF-")
        assert {f"2024/{scope}/rapport.html", f"2024/{scope}/rapport.pdf"} <= listed
        sections = re.findall(r'data-section="([a-z]+)"', html)
        assert sections[:3] == ["headline", "sources", "reliability"]
        assert sections[-1] == "method"
        assert "clauses" in sections
        assert "<script" not in html
        total = json.loads((out / scope / "empreinte.json").read_text(encoding="utf-8"))
        figure = re.search(r'data-total-tco2e="([^"]+)"', html)
        assert figure is not None
        assert float(figure.group(1)) == total["totals"]["emissions_tco2e"]


def test_each_entity_line_file_holds_its_own_lines_only(workspace: Path) -> None:
    import csv

    result = CliRunner().invoke(
        cli.app, ["run", "--config", str(workspace / "achats.yaml"), "--no-xlsx"]
    )
    assert result.exit_code == 0, result.output

    def labels(scope: str) -> list[str]:
        path = workspace / "rapports" / "2024" / scope / "empreinte-lignes.csv"
        rows = csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";")
        return [r["Libellé"] for r in rows]

    # ledger_rows: Ville has « Ramettes » and « Collecte », Agglo « Portables » and « Salaires »
    assert sorted(labels("groupe")) == ["Collecte", "Portables", "Ramettes", "Salaires"]
    assert sorted(labels("ville")) == ["Collecte", "Ramettes"]
    assert sorted(labels("agglo")) == ["Portables", "Salaires"]
    # the entity's JSON still counts the other entity's two lines as skipped (reconciliation)
    ville = json.loads(
        (workspace / "rapports" / "2024" / "ville" / "empreinte.json").read_text(encoding="utf-8")
    )
    assert any(i["code"] == "other-entity-skipped" for i in ville["issues"])
