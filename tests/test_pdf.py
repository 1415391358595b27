"""The example's footprint as PDF: a few pages, not hundreds, with its headline figure."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from achats_durables.core.errors import OutputError
from achats_durables.writers.html import pdf

from .conftest import skip_without_tool
from .html_example import example_html, example_report, french_number


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for tool in ("pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            skip_without_tool(f"{tool} absent (apt-get install poppler-utils) : test du PDF sauté")
    try:
        data = pdf.html_to_pdf(example_html("fr"))
    except OutputError as exc:
        skip_without_tool(f"weasyprint indisponible : {exc.render('fr')}")
    path = tmp_path_factory.mktemp("pdf") / "rapport.pdf"
    path.write_bytes(data)
    return path


def test_the_example_pdf_has_a_few_pages(pdf_file: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf_file)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    assert 2 <= pages < 15


def test_the_example_pdf_shows_the_headline_figure(pdf_file: Path) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    total = example_report().to_dict()["totals"]["emissions_tco2e"]
    spaced = re.sub(r"[\u202f\u00a0 ]+", " ", text)
    assert french_number(total, 1).replace("\u202f", " ") + " tCO2e" in spaced
    assert "D'où viennent les émissions" in text


def test_missing_pango_is_a_french_error_naming_the_packages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pango(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': error 0x7e")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(OutputError) as caught:
        pdf.html_to_pdf("<p>x</p>")
    message = caught.value.render("fr")
    assert message.startswith("le PDF ne peut pas être produit")
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in message


def test_the_comparison_pdf_has_a_few_pages_and_its_headline() -> None:
    from .html_example import example_comparison
    from .test_html_compare_agec import _compare_html

    for tool in ("pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            skip_without_tool(f"{tool} absent (apt-get install poppler-utils) : test du PDF sauté")
    data = pdf.html_to_pdf(_compare_html("fr"))
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout
    pages = int(re.search(rb"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert 2 <= pages < 8
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    spaced = re.sub(r"[\u202f\u00a0 ]+", " ", text.stdout.decode("utf-8"))
    last = example_comparison().rows[-1]["emissions_tco2e"]
    assert french_number(last, 1).replace("\u202f", " ") + " tCO2e" in spaced
    assert "Pourquoi les émissions ont changé" in spaced
