"""The ``budget`` command. Exit codes:

0 the budget was read in full and agrees (verdict ``KHỚP``); 1 errors, something not read or
not checked (``CHƯA KIỂM TRA HẾT``), or no budget found; 2 input unreadable or command wrong;
3 internal error (a bug: please report it with the input). 0 and 1 come from the verdict's
kind (``plancheck.projection.EXIT_CODE``); over several documents (``plancheck.batch``) the
code is the worst of all of them.
"""

from __future__ import annotations

import argparse
import gc
import glob
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from budget import __version__, messages
from budget.cli_support import (
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
from budget.time_budget import DEFAULT_SECONDS
from budget.units import money_named
from plancheck.pipeline import Options, check_document
from plancheck.write_json import write_json_to
from plancheck.write_text import write_text

# A run over several documents (``plancheck.batch``: processes, the batch's views and
# writers) and the workbook, HTML and PDF writers (XlsxWriter, Jinja2, Babel's dates) are
# imported only when asked for: a text check starts without them (budget.lazy_imports).


def _parser(lang: str = "vi") -> argparse.ArgumentParser:
    t = words(lang)
    p = Parser(prog="budget", description=t("CLI.budget"), lang=lang)
    p.add_argument("--version", action="version", version=f"budget {__version__}", help=t("ARGS.version"))
    p.add_argument("--lang", choices=messages.LANGUAGES, default=argparse.SUPPRESS, help=t("CLI.lang"))
    sub = p.add_subparsers(dest="command", metavar=t("CLI.command"))
    c = sub.add_parser("check", help=t("CLI.check"))
    c.add_argument("file", metavar=t("CLI.file"), nargs="*", help=t("CLI.check_file"))
    c.add_argument("--format", choices=("text", "json"), default="text", help=t("CLI.format"))
    c.add_argument("--xlsx", metavar=t("CLI.file") + ".xlsx", help=t("CLI.xlsx"))
    c.add_argument("--html", metavar=t("CLI.file") + ".html", help=t("CLI.html"))
    c.add_argument("--pdf", metavar=t("CLI.file") + ".pdf", help=t("CLI.pdf"))
    c.add_argument("--lang", choices=messages.LANGUAGES, default=argparse.SUPPRESS, help=t("CLI.lang"))
    c.add_argument("--force", action="store_true", help=t("CLI.force"))
    c.add_argument("--strict-units", action="store_true", help=t("CLI.strict_units"))
    c.add_argument(
        "--time-limit", type=float, default=DEFAULT_SECONDS, metavar=t("CLI.seconds"), help=t("CLI.time_limit")
    )
    _batch_options(c, t)
    o = sub.add_parser("template", help=t("CLI.template"))
    o.add_argument("-o", "--output", metavar=t("CLI.file") + ".xlsx", required=True, help=t("CLI.template_output"))
    o.add_argument("--unit", default="triệu đồng", help=t("CLI.template_unit"))
    o.add_argument("--lang", choices=messages.LANGUAGES, default=argparse.SUPPRESS, help=t("CLI.lang"))
    o.add_argument("--force", action="store_true", help=t("CLI.template_force"))
    return p


def _batch_options(c: argparse.ArgumentParser, t: Callable[..., str]) -> None:
    """The options of ``budget check`` that only a run over several documents uses (``plancheck.batch``)."""
    c.add_argument("--manifest", metavar=t("CLI.manifest_var"), help=t("CLI.manifest"))
    c.add_argument("-j", "--jobs", type=int, metavar="N", help=t("CLI.jobs"))
    c.add_argument("-q", "--quiet", action="store_true", help=t("CLI.quiet"))


def _wants_batch(args: argparse.Namespace) -> bool:
    """Several documents, a folder, a pattern or a manifest: the consolidated output."""
    files: list[str] = args.file
    if args.manifest is not None or len(files) != 1:
        return True
    p = Path(files[0])
    return p.is_dir() or (glob.has_magic(files[0]) and not p.exists())


def _template(args: argparse.Namespace) -> int:
    t = words(args.lang)
    try:
        unit = money_named(args.unit)
    except KeyError:
        sys.stderr.write(t("CLI.template_bad_unit", prog="budget", unit=args.unit) + "\n")
        return EXIT_INPUT
    from budget.output import write_safely  # lazy-import point
    from plancheck.xlsx.template import write_template  # lazy-import point

    out = Path(args.output)
    write_safely(out, [], args.force, lambda tmp: write_template(tmp, unit), args.lang)
    sys.stdout.write(t("CLI.template_done", out=out, unit=unit.name) + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    # A check builds many small immutable records and no reference cycles: collecting
    # the young generation less often saves a tenth of a large run and changes nothing else.
    gc.set_threshold(50_000, 20, 100)
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = language(argv)
    parser = _parser(lang)
    args = parser.parse_args(argv)
    args.lang = lang  # given before or after the command
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    if args.command == "template":
        return guarded("budget", lambda: _template(args), lang)
    outputs = [Path(o).resolve() for o in (args.xlsx, args.html, args.pdf) if o]
    if len(set(outputs)) < len(outputs):  # the second would overwrite the first
        return bad_command("budget", "CLI.outputs_differ", lang)
    if _wants_batch(args):  # several documents, a folder, a pattern or a manifest
        from plancheck import batch  # lazy-import point: processes, the batch's views and writers

        return guarded("budget", lambda: batch.main(args), lang)
    args.file = args.file[0]
    with _no_collector():
        return _check_one(args)


@contextmanager
def _no_collector() -> Iterator[None]:
    """One document's check without the cycle collector: its records form no cycles (a
    100.000-line plan leaves under 700 objects to collect), yet the full collections that
    its millions of records trigger cost a tenth of the run. Reference counting still frees
    everything; the collector is back on for whatever the process does next."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_one(args: argparse.Namespace) -> int:
    try:
        for out in (args.xlsx, args.html, args.pdf):
            if out:
                from budget.output import check_target  # lazy-import point

                check_target(Path(out), [Path(args.file)], args.force)  # refuse before the work
        if args.html or args.pdf:
            from plancheck.report import require_chromium, write_html, write_pdf  # lazy-import point
        if args.xlsx:
            from plancheck.workbook import save_workbook  # lazy-import point
        if args.pdf:
            require_chromium(Path(args.pdf))
        from plancheck.progress import Progress, wanted  # lazy-import point: a text check needs no bar

        options = Options(args.lang, args.strict_units, workbook=bool(args.xlsx), time_limit=args.time_limit)
        # a bar on the terminal if the check and its files take over a second, erased before
        # the report is printed
        with Progress(1, wanted(args.quiet), lang=args.lang, names=[Path(args.file).name]):
            checked = check_document(args.file, options)
            report, targets, shown = checked.report, checked.targets, checked.projection
            if args.xlsx:
                assert checked.table is not None  # built when ``options.workbook`` is set
                save_workbook(report, checked.table, args.xlsx, args.force, targets, projection=shown)
            if args.html:
                write_html(shown, Path(args.html), [Path(args.file)], args.force)
            if args.pdf:
                write_pdf(shown, Path(args.pdf), [Path(args.file)], args.force)
        if args.format == "json":
            # written as it is laid out: a large plan's JSON is never whole in memory
            write_json_to(sys.stdout.write, report, targets, projection=shown)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(write_text(report, targets, projection=shown))
        return shown.verdict.exit_code
    except InputError as e:
        return input_error(e, args.lang)
    except BrokenPipeError:
        raise  # the reader went away (``| head``): ``run_main`` ends quietly
    except Exception as e:  # a bug: say so plainly, with no traceback
        return internal_error("budget", e, args.lang)


def run() -> None:
    from budget.cli_support import run_main  # Ctrl-C exits 130 quietly, a closed pipe ends quietly

    run_main("budget", main)
