"""XML of the public-finance formats (TOTEM, PES V2): safe parsing, the declared encoding and
the namespace-blind access to the ``<Name V="…"/>`` elements both schemas use.

Parsing goes through defusedxml: DTDs and entity declarations are refused (``ledger-hostile``);
malformed XML raises ``ledger-corrupt`` with the line and column; an encoding the declaration
names but Python does not know raises ``ledger-xml-encoding`` (exit 3, the name as written).
Elements are matched by their local name, whatever namespace prefix the producer wrote.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from achats_durables.core.errors import LedgerError, Location

# defusedxml through importlib: its type stubs are optional (types-defusedxml).
_DEFUSED: Any = importlib.import_module("defusedxml")
_DEFUSED_ET: Any = importlib.import_module("defusedxml.ElementTree")
_HOSTILE: type[Exception] = _DEFUSED.DefusedXmlException

DECLARATION_BYTES = 512  # the XML declaration is on the first line
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']{0,60})["']""")
_DECIMAL = re.compile(r"[+-]?\d+(?:\.\d*)?|[+-]?\.\d+")


def root_pattern(name: str) -> re.Pattern[bytes]:
    """The opening tag of element ``name`` with any namespace prefix, for sniffing a file's head."""
    return re.compile(rb"<(?:[\w.-]+:)?" + re.escape(name.encode("ascii")) + rb"[\s>/]")


def local(tag: str) -> str:
    """Local name of an ElementTree tag (``{namespace}Name`` → ``Name``)."""
    return tag.rsplit("}", 1)[-1]


def child(elem: Element, *names: str) -> Element | None:
    """First descendant along the path of local ``names`` (namespaces ignored)."""
    node: Element | None = elem
    for name in names:
        if node is None:
            return None
        node = next((c for c in node if local(c.tag) == name), None)
    return node


def child_value(elem: Element, *names: str) -> str | None:
    """Attribute ``V`` of the descendant along ``names``, stripped; None when absent."""
    node = child(elem, *names)
    if node is None:
        return None
    value = node.get("V")
    return value.strip() if value is not None else None


def values_of(elem: Element) -> dict[str, str]:
    """``{local name: V}`` of the direct children carrying a ``V`` and no ``Code`` attribute."""
    out: dict[str, str] = {}
    for c in elem:
        v = c.get("V")
        if v is not None and c.get("Code") is None:
            out.setdefault(local(c.tag), v.strip())
    return out


def amount_cell(text: str | None, sign: float = 1.0) -> float | str | None:
    """A decimal written with a point as a float (times ``sign``); other text kept as is, so
    that the ledger reports it as unreadable; None when absent."""
    if text is None or text == "":
        return None
    if _DECIMAL.fullmatch(text):
        value = float(text) * sign
        return value + 0.0  # no negative zero
    return text


def declared_encoding(path: Path, default: str = "UTF-8") -> str:
    """The ``encoding="…"`` of a file's XML declaration, as written (``default`` if none)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(DECLARATION_BYTES)
    except OSError:
        return default
    found = _ENCODING.search(head)
    return found.group(1).decode("ascii", "replace") if found else default


def iter_xml(path: Path, events: tuple[str, ...] = ("start", "end")) -> Iterator[tuple[str, Any]]:
    """``iterparse`` events of a file, decoded by the XML parser from its declared encoding.

    DTDs and entity declarations are refused (``ledger-hostile``); malformed XML raises
    ``ledger-corrupt`` with the line and column; an unknown encoding ``ledger-xml-encoding``.
    """
    loc = Location(str(path))
    try:
        with path.open("rb") as fh:
            yield from _DEFUSED_ET.iterparse(fh, events=events, forbid_dtd=True)
    except _HOSTILE as exc:
        raise LedgerError(
            "ledger-hostile",
            loc,
            detail="le fichier XML déclare une DTD ou des entités (refusées : risque d'attaque "
            f"par expansion d'entités) [{type(exc).__name__}]",
        ) from exc
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise LedgerError(
            "ledger-corrupt",
            loc,
            detail=f"XML mal formé ou tronqué, ligne {line}, colonne {column + 1}",
        ) from exc
    except (LookupError, ValueError) as exc:  # encoding unknown to Python, or multi-byte
        encoding = declared_encoding(path, default="?")
        raise LedgerError("ledger-xml-encoding", loc, encoding=encoding) from exc
    except OSError as exc:
        raise LedgerError("ledger-corrupt", loc, detail=str(exc)) from exc


def check_root(path: Path, root: Element, expected: str, kind: str) -> None:
    """``ledger-xml-unexpected`` unless the root element is ``expected`` (local name)."""
    if local(root.tag) != expected:
        raise LedgerError(
            "ledger-xml-unexpected",
            Location(str(path)),
            root=local(root.tag),
            expected=expected,
            kind=kind,
        )


def no_lines(path: Path, element: str, kind: str) -> LedgerError:
    """The error of a file of the right kind holding no ``element``."""
    return LedgerError("ledger-xml-no-lines", Location(str(path)), element=element, kind=kind)
