"""Entities of a group and their report folders."""

from __future__ import annotations

import re

from achats_durables.core.text import fold

GROUP_FOLDER = "groupe"  # the consolidated report's folder when there are several entities


def entity_folder(name: str) -> str:
    """The report folder of an entity: « Ville de Blois » → ``ville-de-blois``."""
    text = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    return text or "entite"
