"""A seeded DECP 2.0 JSON file of N records, for timing ``achats clauses`` (issue 16).

The records are the example's (``examples/decp-2025.json``, schema DECP 2.0.3) with their id,
buyer, CPV, amount, duration and notification date drawn again; a few carry a wrong type (the
record is refused) or an unknown consideration (an issue), as real downloads do. Month-end and
leap-day notification dates are over-represented, to exercise the end-date arithmetic.

    python benchmarks/decpgen.py 100000 /tmp/decp-100k.json [--seed 7]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "decp-2025.json"
BUYERS = ("29994101300011", "29994103900016", "29994102100014", "21410018500015")
EDGE_DATES = ("2024-01-31", "2024-02-29", "2025-03-31", "2024-08-31", "2025-12-31", "2023-05-31")


def records(n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` records drawn from the example's, reproducibly for one ``seed``."""
    rng = random.Random(seed)
    templates = json.loads(EXAMPLE.read_text(encoding="utf-8"))["marches"]["marche"]
    cpvs = sorted({t["codeCPV"] for t in templates})
    start = dt.date(2022, 1, 1)
    out = []
    for i in range(n):
        rec = copy.deepcopy(rng.choice(templates))
        rec["id"] = f"G{seed}-{i:07d}"
        rec["acheteur"] = {"id": rng.choice(BUYERS)}
        rec["codeCPV"] = rng.choice(cpvs)
        rec["montant"] = round(rng.lognormvariate(11, 1.5), 2)
        rec["dureeMois"] = rng.choice((1, 3, 6, 11, 12, 13, 24, 36, 48, 60, 120))
        if rng.random() < 0.1:
            notified = rng.choice(EDGE_DATES)
        else:
            notified = (start + dt.timedelta(days=rng.randrange(4 * 365))).isoformat()
        rec["dateNotification"] = notified
        roll = rng.random()
        if roll < 0.002:
            rec["montant"] = "beaucoup"  # wrong JSON type: refused
        elif roll < 0.01:
            rec["considerationsSociales"] = {"considerationSociale": ["Clause inconnue"]}
        out.append(rec)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    data = {"marches": {"marche": records(args.n, args.seed)}}
    args.out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
