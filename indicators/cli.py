"""The ``indicators`` command. Exit codes, decided here only: 0 every target met or on
track, 1 a target not met (when due) or off track, a target without data in the as-of
year, or data with errors, 2 input unreadable, output refused or command wrong, 3
internal error. ``indicators tasks``: 0 every task read with its deadline (a plan) or
nothing overdue and every cell read (a register), 1 a deadline not read, no task found,
an overdue task or a cell not read, 2 and 3 as above."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from budget import messages
from budget.cli_support import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    Parser,
    bad_command,
    guarded,
    input_error,
    internal_error,
    language,
    words,
)
from budget.findings import InputError
from budget.output import check_target, write_safely
from budget.read.document import WORKBOOK_SUFFIXES, read_document
from indicators.api import check_targets, plan_targets
from indicators.coverage import CoverageRule
from indicators.read_tasks import as_of, read_register, review
from indicators.tasks import tasks_of
from indicators.write_json import write_json
from indicators.write_targets import to_csv, to_json, to_text, write_targets_xlsx
from indicators.write_tasks import register_json, register_text, tasks_json, tasks_text, write_tasks_xlsx
from indicators.write_text import write_text
from indicators.write_xlsx import write_targets_workbook


def _parser(lang: str = "vi") -> argparse.ArgumentParser:
    t = words(lang)
    p = Parser(prog="indicators", description=t("CLI.indicators"), lang=lang)
    p.add_argument("--lang", choices=messages.LANGUAGES, default=argparse.SUPPRESS, help=t("CLI.indicators_lang"))
    sub = p.add_subparsers(dest="command", metavar=t("CLI.command"))
    c = sub.add_parser("check", help=t("CLI.indicators_check"))
    c.add_argument("targets", metavar=t("CLI.targets_var"), help=t("CLI.targets"))
    c.add_argument("data", metavar=t("CLI.data_var"), help=t("CLI.data"))
    c.add_argument("--as-of", type=int, metavar=t("CLI.year_var"), help=t("CLI.as_of"))
    c.add_argument("--min-coverage", type=Decimal, metavar="0..1", help=t("CLI.min_coverage"))
    c.add_argument("--expected-units", type=int, metavar="N", help=t("CLI.expected_units"))
    c.add_argument("--format", choices=("text", "json"), default="text", help=t("CLI.indicators_format"))
    c.add_argument("--xlsx", metavar=t("CLI.file") + ".xlsx", help=t("CLI.indicators_xlsx"))
    c.add_argument("--lang", choices=messages.LANGUAGES, default=argparse.SUPPRESS, help=t("CLI.indicators_lang"))
    c.add_argument("--force", action="store_true", help=t("CLI.force"))
    c.add_argument("--measures", metavar=t("CLI.file"), help=t("CLI.indicators_measures"))
    x = sub.add_parser("extract", help=t("CLI.extract"))
    x.add_argument("file", metavar=t("CLI.file"), help=t("CLI.extract_file"))
    x.add_argument("--format", choices=("text", "json", "csv"), default="text", help=t("CLI.indicators_format"))
    x.add_argument("-o", "--output", metavar=t("CLI.targets_var") + ".xlsx", help=t("CLI.extract_output"))
    x.add_argument("--lang", choices=messages.LANGUAGES, default=argparse.SUPPRESS, help=t("CLI.indicators_lang"))
    x.add_argument("--force", action="store_true", help=t("CLI.force"))
    k = sub.add_parser("tasks", help=t("CLI.tasks"))
    k.add_argument("file", metavar=t("CLI.file"), help=t("CLI.tasks_file"))
    k.add_argument("--xlsx", metavar=t("CLI.file") + ".xlsx", help=t("CLI.tasks_xlsx"))
    k.add_argument("--as-of", metavar=t("CLI.month_var"), help=t("CLI.tasks_as_of"))
    k.add_argument("--format", choices=("text", "json"), default="text", help=t("CLI.indicators_format"))
    k.add_argument("--lang", choices=messages.LANGUAGES, default=argparse.SUPPRESS, help=t("CLI.indicators_lang"))
    k.add_argument("--force", action="store_true", help=t("CLI.force"))
    return p


def _tasks(args: argparse.Namespace) -> int:
    """A plan → its tasks (and the register to fill, ``--xlsx``); a filled register → its review."""
    lang = getattr(args, "lang", "vi")
    path = Path(args.file)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        if args.xlsx:
            return bad_command("indicators", "TASKS.register_no_xlsx", lang)
        when = None
        if args.as_of is not None and (when := as_of(args.as_of)) is None:
            return bad_command("indicators", "TASKS.bad_as_of", lang, text=args.as_of)
        entries, bad = read_register(path, args.file)
        done = review(entries, bad, when)
        sys.stdout.write(register_json(done) if args.format == "json" else register_text(done, lang))
        return EXIT_FINDINGS if done.failing else EXIT_OK
    if args.as_of is not None:
        return bad_command("indicators", "TASKS.as_of_needs_register", lang)
    if args.xlsx:
        check_target(Path(args.xlsx), [path], args.force)
    document = read_document(path, args.file)
    found, findings = tasks_of(document.lines)
    if args.xlsx:
        write_safely(Path(args.xlsx), [path], args.force, lambda tmp: write_tasks_xlsx(tmp, found, path.name), lang)
    sys.stdout.write(tasks_json(found, findings) if args.format == "json" else tasks_text(found, findings, lang))
    return EXIT_FINDINGS if findings else EXIT_OK


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
    lang = getattr(args, "lang", "vi")
    # the text is read by a person, in the run's language; JSON and CSV are targets files
    # (``indicators check`` reads them), their words Vietnamese as officers write them
    writers = {"text": lambda f: to_text(f, lang), "json": lambda f: to_json(f) + "\n", "csv": to_csv}
    sys.stdout.write(writers[args.format](found))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = language(argv)
    parser = _parser(lang)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    if args.command == "extract":
        return guarded("indicators", lambda: _extract(args), lang)
    if args.command == "tasks":
        return guarded("indicators", lambda: _tasks(args), lang)
    if args.min_coverage is not None and not 0 <= args.min_coverage <= 1:
        parser.error(f"--min-coverage: {words(lang)('CLI.min_coverage')}")
    try:
        inputs = [Path(args.targets), Path(args.data), *([Path(args.measures)] if args.measures else [])]
        if args.xlsx:
            check_target(Path(args.xlsx), inputs, args.force)
        coverage = CoverageRule.of(args.expected_units, args.min_coverage)
        report = check_targets(args.targets, args.data, args.as_of, args.measures, coverage)
        if args.xlsx:
            write_safely(Path(args.xlsx), inputs, args.force, lambda tmp: write_targets_workbook(tmp, report), lang)
        views, findings = list(report.views), list(report.findings)
        text = write_json(views, findings) + "\n" if args.format == "json" else write_text(views, findings)
    except InputError as e:
        return input_error(e, lang)
    except Exception as e:  # a bug: say so plainly, with no traceback
        return internal_error("indicators", e, lang)
    sys.stdout.write(text)
    return EXIT_FINDINGS if report.failing else EXIT_OK


def run() -> None:
    from budget.cli_support import run_main  # Ctrl-C exits 130 quietly, a closed pipe ends quietly

    run_main("indicators", main)
