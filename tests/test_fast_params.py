"""The CLI's coercion of option values without pydantic (cli._fast_params) gives what Typer's own
pydantic adapters give, for every parameter of every command, and leaves refusals to Typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command

from achats_durables import cli
from achats_durables.cli import _fast_params

SAMPLES = ("2025", "02025", "-3", "+4", "1e3", "0.05", "5", "5 %", "abc", "", "fr", "EN", "x.xlsx")


def _params() -> list[Any]:
    group: Any = get_command(cli.app)
    out = []
    stack = [group]
    while stack:
        command = stack.pop()
        out += [p for p in command.params if hasattr(p, "type_descriptor")]
        stack += list(getattr(command, "commands", {}).values())
    return out


def _outcome(runtime: Any, value: Any, param: Any) -> tuple[str, Any]:
    try:
        return "ok", runtime.coerce(value, param=param, ctx=None)
    except typer.BadParameter as exc:
        return "refused", exc.format_message()
    except Exception as exc:  # the parser of an option may raise its own error
        return "error", type(exc).__name__


@pytest.mark.parametrize("value", SAMPLES)
def test_every_parameter_coerces_as_typer_does(value: str) -> None:
    params = _params()
    assert len(params) > 50  # every command's options were found
    for param in params:
        descriptor = param.type_descriptor
        if descriptor.file_annotation is not None:
            continue
        typer_own = _fast_params._TYPER_BUILD(descriptor)
        fast = _fast_params.build_runtime_param(descriptor)
        samples: list[Any] = [[value]] if (param.multiple or param.nargs == -1) else [value]
        if param.default is not None:
            samples.append(param.default)
        for sample in samples:
            assert _outcome(fast, sample, param) == _outcome(typer_own, sample, param), param.name


def test_a_footprint_run_does_not_import_pydantic(tmp_path: Path) -> None:
    ledger = Path(__file__).parents[1] / "examples" / "grand-livre-2025.xlsx"
    code = (
        "import sys; from achats_durables.cli import main\n"
        f"sys.argv = ['achats', 'footprint', {str(ledger)!r}, '--year', '2025', '-o', "
        f"{str(tmp_path / 'r.json')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n    assert 'pydantic' not in sys.modules\n"
        "    assert 'typer.rich_utils' not in sys.modules\n    print('checked')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "checked", done.stderr
