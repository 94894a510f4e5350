"""Generated documents for batch runs, tests and benchmarks: plan texts, estimate
workbooks and CSV tables, some with errors put in on purpose, and one unreadable file.

The plan text itself comes from ``benchmarks.synthetic`` (its spec holds the true figures, so
a plan built from it checks clean); this module picks the figures, puts the mistakes in,
and writes whole folders of the estimates a district office receives.

Run: python benchmarks/generate.py FOLDER [--docs 30] [--lines 12] [--seed 1]
     python benchmarks/generate.py --plan 100000 > plan.txt
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the checkout's root holds the package ``benchmarks``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import LABELS, TITLES, LineSpec, SectionSpec, bench_plan, line_text, plan_text
from budget.numbers import format_vn

__all__ = ["Expected", "bench_plan", "csv_estimate", "make_folder", "school_plan", "write_docx"]

SCHOOLS = ("THCS Lê Lợi", "TH Kim Đồng", "MN Hoa Sen", "THCS Nguyễn Du", "TH Quang Trung", "THPT Trần Phú")


@dataclass(frozen=True)
class Expected:
    """What checking a generated document must say."""

    name: str
    kind: str  # "txt", "xlsx", "csv", "garbage"
    lines: int
    has_errors: bool
    readable: bool = True


def _lines(rnd: random.Random, n: int, money_only_trieu: bool = False) -> tuple[LineSpec, ...]:
    out = []
    for _ in range(n):
        unit = "triệu đồng" if money_only_trieu else rnd.choice(("triệu đồng", "nghìn đồng"))
        rate = Decimal(rnd.randint(5, 200)) / 10 if unit == "triệu đồng" else Decimal(rnd.randint(50, 900) * 10)
        out.append(LineSpec(rnd.choice(LABELS), rnd.randint(1, 300), rate, unit, rnd.randint(1, 5)))
    return tuple(out)


def school_plan(seed: int, n_lines: int, error: bool = False) -> str:
    """A school's estimate as plan text: two sections; with ``error`` one stated product is off by 1."""
    rnd = random.Random(seed)
    half = max(1, n_lines // 2)
    sections = (
        SectionSpec(rnd.choice(TITLES), _lines(rnd, half)),
        SectionSpec(rnd.choice(TITLES), _lines(rnd, n_lines - half), amount_in_heading=False),
    )
    text = plan_text(sections, number=f"{seed}/KH-{rnd.choice(SCHOOLS).split()[0]}")
    if error:
        wrong = sections[0].lines[0]
        right = line_text(wrong)
        head, _, tail = right.rpartition(" = ")
        amount = Decimal(tail.removesuffix(" triệu đồng.").replace(".", "").replace(",", "."))
        text = text.replace(right, f"{head} = {format_vn(amount + 1)} triệu đồng.", 1)
    return text


CSV_HEADER = (
    "STT;Mục;Nội dung;Thừa số 1;Đơn vị 1;Thừa số 2;Đơn vị 2;Thừa số 3;Đơn vị 3;"
    "Thành tiền tính (triệu đồng);Số ghi trong văn bản (triệu đồng)"
)


def csv_estimate(seed: int, n_lines: int, error: bool = False) -> str:
    """An estimate table with the ``Chi tiết`` columns (semicolons, Vietnamese numbers)."""
    rnd = random.Random(seed)
    rows = [CSV_HEADER]
    for i, line in enumerate(_lines(rnd, n_lines, money_only_trieu=True), 1):
        stated = line.people * line.rate * line.years + (1 if error and i == 1 else 0)
        rows.append(
            f"{i};{1 + (i > n_lines // 2)};{line.label};{line.people};người;{format_vn(line.rate)};"
            f"triệu đồng/người/năm;{line.years};năm;;{format_vn(stated)}"
        )
    return "\n".join(rows) + "\n"


def _workbook(text: str, folder: Path, name: str) -> Path:
    """An estimate workbook as the tool writes it from a checked plan (formulas with stored values)."""
    from budget.api import check_file
    from plancheck.workbook import save_workbook, with_workbook_findings

    src = folder / f".{name}.txt"
    src.write_text(text, encoding="utf-8")
    report, table = with_workbook_findings(check_file(src))
    out = folder / f"{name}.xlsx"
    save_workbook(report, table, out, force=True)
    src.unlink()
    return out


def write_docx(text: str, path: Path) -> Path:
    """A plan text as a Word document, one paragraph per line (needs python-docx)."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def make_folder(folder: Path, docs: int = 30, lines: int = 12, seed: int = 1) -> list[Expected]:
    """``docs`` documents in ``folder``: about half plan texts, a quarter workbooks, a quarter CSV;
    one plan, one workbook and one CSV with an error; the last one binary garbage named ``.txt``."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    kinds = ["txt", "xlsx", "txt", "csv"] * docs
    out: list[Expected] = []
    erred: set[str] = set()
    for i in range(docs - 1):
        kind = kinds[i]
        n = rnd.randint(max(2, lines // 2), lines * 2)
        error = kind not in erred and i >= 4  # the first error of each kind, after a few clean ones
        if error:
            erred.add(kind)
        name = f"don-vi-{i + 1:02d}"
        if kind == "txt":
            (folder / f"{name}.txt").write_text(school_plan(seed * 1000 + i, n, error), encoding="utf-8")
        elif kind == "xlsx":
            _workbook(school_plan(seed * 1000 + i, n, error), folder, name)
        else:
            (folder / f"{name}.csv").write_text(csv_estimate(seed * 1000 + i, n, error), encoding="utf-8")
        out.append(Expected(f"{name}.{kind}", kind, n, error))
    garbage = folder / f"don-vi-{docs:02d}.txt"
    noise = random.Random(seed)
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(noise.randrange(256) for _ in range(2048)))  # a picture
    out.append(Expected(garbage.name, "garbage", 0, False, readable=False))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Generated estimates for batch runs and benchmarks.")
    p.add_argument("folder", nargs="?", type=Path)
    p.add_argument("--docs", type=int, default=30)
    p.add_argument("--lines", type=int, default=12)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--plan", type=int, metavar="N", help="print one plan of N cost lines instead")
    args = p.parse_args(argv)
    if args.plan:
        sys.stdout.write(bench_plan(args.plan, seed=args.seed))
        return 0
    if args.folder is None:
        p.error("FOLDER or --plan N")
    for e in make_folder(args.folder, args.docs, args.lines, args.seed):
        verdict = "có lỗi" if e.has_errors else ("khớp" if e.readable else "không đọc được")
        print(f"{e.name}\t{e.lines} dòng\t{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
