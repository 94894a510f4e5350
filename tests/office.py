"""LibreOffice as the real client: recalculate a workbook and read every sheet back as CSV.

Skipped outside CI when ``soffice`` is missing; never skipped when CI=true.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import IN_CI

_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""
# CSV export of every sheet (token 12 = -1), UTF-8, raw values rather than as shown (token 9).
_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if IN_CI:
            pytest.fail("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc")
        pytest.skip("LibreOffice not installed")
    return path


def _profile(tmp: Path) -> str:
    user = tmp / "lo-profile" / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
    return (tmp / "lo-profile").as_uri()


def convert(src: Path, tmp: Path, target: str) -> list[Path]:
    out = tmp / f"lo-{target.split(':')[0]}-{src.stem}"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [soffice(), f"-env:UserInstallation={_profile(tmp)}", "--headless", "--convert-to", target,
         "--outdir", str(out), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return sorted(out.iterdir())


def recalculated_sheets(src: Path, tmp: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``src`` after LibreOffice recalculated it, as rows of raw cell text."""
    sheets = {}
    for path in convert(src, tmp, _CSV):
        sheet = path.stem[len(src.stem) + 1 :]
        with path.open(encoding="utf-8", newline="") as fh:
            sheets[sheet] = list(csv.reader(fh))
    return sheets


def recalculated_xlsx(src: Path, tmp: Path) -> Path:
    """``src`` opened, recalculated and saved by LibreOffice, as an officer's Excel would."""
    (path,) = convert(src, tmp, "xlsx:Calc MS Excel 2007 XML")
    return path


def number(text: str) -> Decimal | None:
    return Decimal(text) if text.strip() else None
