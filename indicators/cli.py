"""The ``indicators`` command. Exit codes, decided here only: 0 every target met or on
track, 1 a target not met (when due) or off track, a target without data in the as-of
year, or data with errors, 2 input unreadable, output refused or command wrong, 3
internal error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from budget.cli_support import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, Parser, guarded, input_error, internal_error
from budget.findings import InputError
from budget.output import check_target, write_safely
from indicators.api import check_targets, plan_targets
from indicators.write_json import write_json
from indicators.write_targets import to_csv, to_json, to_text, write_targets_xlsx
from indicators.write_text import write_text
from indicators.write_xlsx import write_targets_workbook


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog="indicators", description="Đánh giá chỉ tiêu của kế hoạch theo số liệu thực tế.")
    sub = p.add_subparsers(dest="command", metavar="LỆNH")
    c = sub.add_parser("check", help="đánh giá từng chỉ tiêu: đạt hay chưa, còn thiếu bao nhiêu, lộ trình")
    c.add_argument("targets", metavar="CHỈ_TIÊU", help="bảng chỉ tiêu (.csv hoặc .xlsx)")
    c.add_argument("data", metavar="SỐ_LIỆU", help="số liệu thực tế (.csv hoặc .xlsx; dạng dài hoặc rộng)")
    c.add_argument("--as-of", type=int, metavar="NĂM", help="năm đánh giá (mặc định: năm mới nhất có số liệu)")
    c.add_argument("--format", choices=("text", "json"), default="text", help="dạng kết quả")
    c.add_argument("--xlsx", metavar="TỆP.xlsx", help="ghi kết quả ra bảng tính, có biểu đồ lộ trình")
    c.add_argument("--force", action="store_true", help="cho phép ghi đè tệp kết quả đã có")
    x = sub.add_parser("extract", help="tìm các chỉ tiêu nêu trong văn bản kế hoạch")
    x.add_argument("file", metavar="TỆP", help="văn bản kế hoạch (.txt)")
    x.add_argument("--format", choices=("text", "json", "csv"), default="text", help="dạng kết quả")
    x.add_argument("-o", "--output", metavar="CHỈ_TIÊU.xlsx", help="ghi bảng chỉ tiêu (.xlsx hoặc .csv)")
    x.add_argument("--force", action="store_true", help="cho phép ghi đè tệp kết quả đã có")
    return p


def _extract(args: argparse.Namespace) -> int:
    found = plan_targets(args.file)
    if args.output:
        out = Path(args.output)
        if out.suffix.lower() == ".csv":
            text = to_csv(found)

            def write_csv(tmp: Path) -> None:
                tmp.write_text(text, encoding="utf-8")

            write_safely(out, [Path(args.file)], args.force, write_csv)
        else:
            write_safely(out, [Path(args.file)], args.force, lambda tmp: write_targets_xlsx(tmp, found))
    writers = {"text": to_text, "json": lambda f: to_json(f) + "\n", "csv": to_csv}
    sys.stdout.write(writers[args.format](found))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    if args.command == "extract":
        return guarded("indicators", lambda: _extract(args))
    try:
        inputs = [Path(args.targets), Path(args.data)]
        if args.xlsx:
            check_target(Path(args.xlsx), inputs, args.force)
        report = check_targets(args.targets, args.data, args.as_of)
        if args.xlsx:
            write_safely(Path(args.xlsx), inputs, args.force, lambda tmp: write_targets_workbook(tmp, report))
        views, findings = list(report.views), list(report.findings)
        text = write_json(views, findings) + "\n" if args.format == "json" else write_text(views, findings)
    except InputError as e:
        return input_error(e)
    except Exception as e:  # a bug: say so plainly, with no traceback
        return internal_error("indicators", e)
    sys.stdout.write(text)
    return EXIT_FINDINGS if report.failing else EXIT_OK


def run() -> None:
    from budget.cli_support import run_main  # Ctrl-C exits 130 quietly, a closed pipe ends quietly

    run_main("indicators", main)
