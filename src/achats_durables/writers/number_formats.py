"""The number formats of the xlsx cells, apart from the xlsx writer (and openpyxl): the method
shares module gives them to the terminal table's rows as well."""

from __future__ import annotations

EUR = '#,##0.00 "€"'
T = "#,##0.0"
KG = "#,##0.0"
PCT = "0.0 %"
