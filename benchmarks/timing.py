"""Whole-process measurements: wall time, CPU time (user + system) and peak RSS of a child.

Every figure is a process started from scratch (interpreter start and imports included), as a
user runs ``achats``; ``os.wait4`` returns the child's own resource usage, so nothing else
running in this process is counted. Linux starts a child's peak RSS from its parent's at fork:
the harness keeps itself small (the generators run in their own processes), so the figure is
at most a few tens of MB above the child's own.

The children run without ``PYTHONDONTWRITEBYTECODE`` (:func:`user_environment`): a user's
``pip install`` compiles the package's bytecode and Python caches it at the first start, while a
development shell that sets the variable recompiles every module of the project at every start
(``achats`` only: the baselines' libraries were compiled at their install).
``run.py`` compiles the package once before timing (``--no-bytecode-cache``: as the shell is).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Sample:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    returncode: int


@dataclass
class Measure:
    """Medians over the repeats of one command."""

    command: list[str]
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall_s(self) -> float:
        return statistics.median(s.wall_s for s in self.samples)

    @property
    def cpu_s(self) -> float:
        return statistics.median(s.cpu_s for s in self.samples)

    @property
    def peak_rss_mb(self) -> float:
        return max(s.peak_rss_mb for s in self.samples)

    @property
    def returncodes(self) -> list[int]:
        return sorted({s.returncode for s in self.samples})

    def as_dict(self) -> dict[str, object]:
        return {
            "command": self.command,
            "wall_s": round(self.wall_s, 3),
            "cpu_s": round(self.cpu_s, 3),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "returncodes": self.returncodes,
            "repeats": len(self.samples),
        }


def user_environment(keep: bool = False) -> dict[str, str]:
    """This environment, without ``PYTHONDONTWRITEBYTECODE`` unless ``keep``: bytecode cached
    as for an installed user (the job and its baseline alike)."""
    env = dict(os.environ)
    if not keep:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(
    command: Sequence[str], cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Sample:
    """Run ``command`` to completion, output discarded; its wall, CPU and peak RSS."""
    start = time.perf_counter()
    child = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=user_environment() if env is None else dict(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return Sample(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,  # Linux: kilobytes
        returncode=child.returncode,
    )


def measure(
    command: Sequence[str],
    repeat: int,
    budget_s: float,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Measure:
    """Up to ``repeat`` runs, fewer once ``budget_s`` seconds are spent (at least one)."""
    result = Measure(command=list(command))
    spent = 0.0
    while len(result.samples) < repeat and (not result.samples or spent < budget_s):
        sample = run_once(command, cwd, env)
        result.samples.append(sample)
        spent += sample.wall_s
    return result
