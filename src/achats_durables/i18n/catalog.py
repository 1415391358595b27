"""The words of the report writers (titles, headers, labels, notes), French and English.

A writer writes its French text through :func:`tr` (``tr("Par compte", lang)``): French is the
text itself, English its entry in :data:`EN` (the footprint's texts in
:mod:`.catalog_en`, the other reports' in :mod:`.catalog_en_reports`, the plan's in
:mod:`.catalog_en_plan`). Texts with fields use ``str.format`` named fields
and get their numbers from :mod:`achats_durables.i18n.formatting`. ``tests/test_catalog.py``
checks that every text a writer passes to :func:`tr` has its English entry.
"""

from __future__ import annotations

from achats_durables.i18n.catalog_en import EN as EN_FOOTPRINT
from achats_durables.i18n.catalog_en_activities import EN_ACTIVITIES
from achats_durables.i18n.catalog_en_agec import EN_AGEC
from achats_durables.i18n.catalog_en_fiches import EN_FICHES
from achats_durables.i18n.catalog_en_html import EN_HTML
from achats_durables.i18n.catalog_en_methods import EN_METHODS
from achats_durables.i18n.catalog_en_plan import EN_PLAN
from achats_durables.i18n.catalog_en_reports import EN_REPORTS

EN: dict[str, str] = {
    **EN_FOOTPRINT,
    **EN_REPORTS,
    **EN_METHODS,
    **EN_ACTIVITIES,
    **EN_PLAN,
    **EN_AGEC,
    **EN_HTML,
    **EN_FICHES,
}


def tr(text: str, lang: str = "fr", /, **params: object) -> str:
    """``text`` (French) in ``lang``, its named fields filled with ``params``.

    An English text missing from :data:`EN` is shown in French rather than failing the report.
    """
    shown = EN.get(text, text) if lang == "en" else text
    return shown.format(**params) if params else shown


def yes_no(value: bool, lang: str = "fr") -> str:
    """« oui » / « non », "yes" / "no"."""
    return tr("oui" if value else "non", lang)


__all__ = ["EN", "tr", "yes_no"]
