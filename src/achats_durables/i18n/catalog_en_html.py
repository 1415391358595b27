"""English texts of the HTML/PDF reports (writers/html templates)."""

EN_HTML: dict[str, str] = {
    "Rapport": "Report",
    "Sources": "Sources",
    "Produit par achats {version}": "Made by achats {version}",
    "Empreintes SHA-256 des fichiers lus": "SHA-256 fingerprints of the files read",
}
