"""Message templates: the AGEC art. 58 signals read from ledgers and contract registers.

The location (file, sheet, row, column) is the error's or issue's :class:`Location`, rendered
before the message; the templates say what is wrong and what to do. Parameters:

* ``value``: the cell as typed (``CircularValues.bad_texts`` of :mod:`ledger.circular`);
* ``more``: ``""``, or ``Text("agec-more-errors", count=n)`` when other cells are bad too;
* ``field``: ``Text("agec-field-reuse")`` or ``Text("agec-field-recycled")``;
* ``amount``, ``spend``: euros HT (numbers); ``record``: the contract's number as shown.
"""

TEMPLATES: dict[str, tuple[str, str]] = {
    # ledger columns « Réemploi », « Matières recyclées » (errors: nothing written)
    "agec-ledger-value-invalid": (
        "valeur « {value} » illisible. Attendu : oui/non, une part (30 % ou 0,3) ou un montant HT en euros (1 200,00 €). Corrigez la cellule, ou videz-la si la ligne n'est pas concernée.{more}",
        "value '{value}' is unreadable. Expected: yes/no (oui/non), a share (30 % or 0.3) or an amount excl. VAT in euros (1200.00 €). Correct the cell, or empty it if the line is not concerned.{more}",
    ),
    "agec-ledger-share-invalid": (
        "part « {value} » hors de 0 à 100 % : indiquez la part de la dépense de la ligne, entre 0 % et 100 % (« oui » pour toute la ligne).{more}",
        "share '{value}' outside 0 to 100 %: give the share of the line's spend, between 0 % and 100 % ('oui' for the whole line).{more}",
    ),
    "agec-ledger-amount-negative": (
        "montant négatif « {value} » : indiquez le montant HT, positif, de la dépense de la ligne concernée (une part, 30 %, ou « oui » pour toute la ligne conviennent aussi).{more}",
        "negative amount '{value}': give the amount excl. VAT, positive, of the line's spend concerned (a share, 30 %, or 'oui' for the whole line also do).{more}",
    ),
    "agec-ledger-amount-above-spend": (
        "montant déclaré ({field}) de {amount:eur} supérieur à la dépense HT de la ligne ({spend:eur}) : indiquez un montant HT au plus égal à celui de la ligne, une part (30 %) ou « oui » pour toute la ligne.{more}",
        "amount declared ({field}) of {amount:eur} above the line's spend excl. VAT ({spend:eur}): give an amount excl. VAT at most the line's, a share (30 %) or 'oui' for the whole line.{more}",
    ),
    "agec-more-errors": (
        " ({count} autre(s) cellule(s) de ces colonnes en erreur aussi)",
        " ({count} other cell(s) of these columns in error too)",
    ),
    "agec-field-reuse": ("réemploi ou réutilisation", "reuse or re-use"),
    "agec-field-recycled": ("matières recyclées", "recycled material"),
    # contract register columns (issues, severity error: the value is left empty)
    "agec-register-value-invalid": (
        "marché {record} ({field}) : valeur « {value} » illisible, laissée vide. Attendu : oui/non ou une part du marché (40 % ou 0,4). Un montant n'est pas accepté dans le registre : indiquez-le ligne par ligne dans le grand livre (colonne « Réemploi » ou « Matières recyclées »).",
        "contract {record} ({field}): value '{value}' is unreadable, left empty. Expected: yes/no (oui/non) or a share of the contract (40 % or 0.4). An amount is not accepted in the register: give it line by line in the ledger ('Réemploi' or 'Matières recyclées' column).",
    ),
}
