"""``budget check`` over many documents: the estimates of a district's schools or a
province's units in one run.

Inputs are files, folders (walked recursively) and glob patterns, plus an optional
manifest (``--manifest LIST.csv`` or ``-`` for stdin) so a scheduler can shard a large
run across machines. Every document goes through ``budget.api.check_file`` in its own
process (``ProcessPoolExecutor``: the check is CPU-bound Python, threads would share
one core); a document that cannot be read becomes one row with its reason and never
stops the others. Each document's output is written as soon as it and all before it
are done, in input order: the output does not depend on ``--jobs`` and the memory of a
long run does not grow with it. The exit code is the worst of all documents: 3 if the tool failed on
one (a bug), else 2 if one could not be read, else 1 if one has an error, was not read in full or
has no budget, else 0 (every document read in full and agrees).
"""

from __future__ import annotations

import argparse
import csv
import glob
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from budget import messages
from budget.cli_support import EXIT_INPUT, bad_command
from budget.findings import InputError
from plancheck.batch_view import (
    DocSummary,
    Done,
    Outcome,
    Skipped,
    internal,
    overall,
    sheet_of,
    summarize,
    unreadable,
)
from plancheck.progress import Progress, wanted

if TYPE_CHECKING:
    from plancheck.write_batch_html import BatchHtml

# Suffixes a folder or a pattern contributes, beside the documents ``budget.read.office``
# reads (Word, PDF ...). A file named explicitly is always checked, whatever its suffix.
_BASE_SUFFIXES = (".txt", ".xlsx", ".xlsm", ".csv", ".xls")  # .xls: one row saying why it is refused


def accepted_suffixes() -> tuple[str, ...]:
    """What ``check_file`` reads: its own list when it has one, else the known readers present."""
    import budget.api

    listed = getattr(budget.api, "SUFFIXES", None)
    if listed:
        return tuple(s.lower() for s in listed)
    try:
        from budget.read.office import DOCUMENT_SUFFIXES
    except ImportError:  # no document reader in this version
        return _BASE_SUFFIXES
    return (*_BASE_SUFFIXES, *(s.lower() for s in DOCUMENT_SUFFIXES))


@dataclass(frozen=True)
class Inputs:
    paths: tuple[str, ...]  # in input order, each once
    skipped: tuple[Skipped, ...]
    # outputs named where a document of a kind the tool reads already is: writing there would
    # replace a document that may be one to check (refused before any work, ``--force`` or not)
    clashes: tuple[str, ...] = ()
    empty: tuple[str, ...] = ()  # folders holding no document the tool reads: said once each


def read_manifest(text: str) -> list[str]:
    """One path per line, or a CSV whose header has a ``path`` column; blank and ``#`` lines skipped."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return []
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    header = [h.strip().lower() for h in next(csv.reader([lines[0]], dialect))]
    if "path" not in header:
        return [line.strip() for line in lines]
    col = header.index("path")
    out = []
    for row in csv.reader(lines[1:], dialect):
        if col < len(row) and row[col].strip():
            out.append(row[col].strip())
    return out


def _magic(item: str) -> bool:
    return glob.has_magic(item)


def collect(items: Sequence[str], exclude: Iterable[Path] = (), lang: str = "vi") -> Inputs:
    """Expand folders and patterns; a folder or pattern keeps only documents the readers know
    (why each other file was skipped is said in ``lang``)."""
    suffixes = accepted_suffixes()
    excluded = {p.resolve() for p in exclude}
    paths: list[str] = []
    seen: set[Path] = set()
    skipped: list[Skipped] = []
    clashes: list[str] = []
    empty: list[str] = []

    def add(path: str) -> None:
        key = Path(path).resolve()
        if key not in seen:
            seen.add(key)
            paths.append(path)

    def skip(path: Path, why: str, **args: str) -> None:
        skipped.append(Skipped(str(path), messages.render(f"BATCH.skip.{why}", args, lang)))

    def found(path: Path) -> None:
        """A file met while walking a folder or matching a pattern."""
        name = path.name
        if path.resolve() in excluded and path.suffix.lower() in suffixes:
            clashes.append(str(path))
        elif path.resolve() in excluded:
            skip(path, "output")
        elif name.startswith("~$") or name.startswith(".~"):
            skip(path, "lock")
        elif name.startswith("."):
            skip(path, "hidden")
        elif path.suffix.lower() not in suffixes:
            skip(path, "kind", kind=path.suffix or name)
        else:
            add(str(path))

    def walk(folder: Path) -> None:
        before = len(paths)
        for path in sorted(folder.rglob("*"), key=lambda p: p.as_posix()):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts[:-1]):
                found(path)
        if len(paths) == before:
            empty.append(str(folder))  # nothing to check in it: said once, and exit 2

    for item in items:
        p = Path(item)
        if p.is_dir():
            walk(p)
        elif _magic(item) and not p.exists():
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                add(item)  # checked as a file: one row saying it is missing
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    walk(mp)
                elif mp.is_file():
                    found(mp)
        else:
            add(item)
    return Inputs(tuple(paths), tuple(skipped), tuple(clashes), tuple(empty))


# --- checking one document (in a worker process) ----------------------------------------------


@dataclass(frozen=True)
class Task:
    index: int
    path: str
    strict_units: bool
    format: str  # "text" or "json"
    sheet: bool  # the consolidated workbook wants the document's sheet
    lang: str = "vi"  # of each document's own report, its sheet and its row of the summary
    time_limit: float | None = None  # seconds each document's check may take


def _error_text(task: Task, summary: DocSummary) -> str:
    import json

    from plancheck.write_batch import error_json, error_text

    if task.format == "json":
        return json.dumps(error_json(summary), ensure_ascii=False)
    return error_text(summary)


def check_one(task: Task) -> Outcome:
    """Check one document; never raises (an unreadable input or a bug becomes the outcome)."""
    from plancheck.pipeline import Options, check_document
    from plancheck.write_batch import document_json, document_text

    try:
        checked = check_document(task.path, Options(task.lang, task.strict_units, time_limit=task.time_limit))
        report, targets, shown = checked.report, list(checked.targets), checked.projection
        summary = summarize(task.index, task.path, shown, targets)
        text = (
            document_json(summary, report, targets, task.lang, shown)
            if task.format == "json"
            else document_text(report, targets, task.lang, shown)
        )
        sheet = sheet_of(shown) if task.sheet else None
        return Outcome(summary, text, sheet)
    except InputError as e:
        summary = unreadable(task.index, task.path, e, task.lang)
        if Path(task.path).is_dir():
            empty = messages.render("BATCH.empty_folder", {}, task.lang)
            summary = replace(summary, reason=f"{summary.reason} {empty}")
    except Exception as e:  # a bug on this document: said on its row, the others go on
        summary = internal(task.index, task.path, f"{type(e).__name__}: {e}", task.lang)
    return Outcome(summary, _error_text(task, summary), None)


def _crashed(task: Task) -> Outcome:
    summary = internal(task.index, task.path, messages.render("BATCH.crashed", {}, task.lang), task.lang)
    return Outcome(summary, _error_text(task, summary), None)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops the run and says so."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _alone(task: Task) -> Outcome:
    """One document in a fresh process of its own: after a worker died, only its culprit is lost."""
    with ProcessPoolExecutor(max_workers=1, mp_context=_CONTEXT, initializer=_ignore_sigint) as pool:
        try:
            return pool.submit(check_one, task).result()
        except BrokenProcessPool:
            return _crashed(task)


def _came_back(task: Task, f: Future[Outcome]) -> Outcome | None:
    """The outcome of a finished future; None when its worker died (the pool is broken)."""
    try:
        return f.result()
    except BrokenProcessPool:
        return None
    except Exception as e:  # the outcome could not come back (not picklable): a bug
        summary = internal(task.index, task.path, f"{type(e).__name__}: {e}", task.lang)
        return Outcome(summary, _error_text(task, summary), None)


# Workers are forked where the platform allows: they start with the parent's modules already
# imported (about two seconds of imports each otherwise). Tasks are all submitted before the
# progress bar starts its thread, so nothing is forked from a process running threads of ours.
_CONTEXT = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def check_in_order(
    tasks: Sequence[Task],
    jobs: int,
    on_done: Callable[[Outcome], None] | None = None,
    on_started: Callable[[], None] | None = None,
) -> Iterator[Outcome]:
    """Every task checked over ``jobs`` processes, yielded in the order of ``tasks`` as soon as
    it and all before it are done; ``on_done`` hears of each as it finishes, in any order."""
    done = on_done or (lambda _: None)
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        if on_started is not None:
            on_started()
        for t in tasks:
            o = check_one(t)
            done(o)
            yield o
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_CONTEXT, initializer=_ignore_sigint) as pool:
        futures: list[Future[Outcome] | None] = [pool.submit(check_one, t) for t in tasks]
        if on_started is not None:
            on_started()

        def heard(t: Task, f: Future[Outcome]) -> None:
            o = _came_back(t, f)
            if o is not None:  # a document lost with its worker is heard of when run again
                done(o)

        for t, f in zip(tasks, futures, strict=True):
            assert f is not None
            f.add_done_callback(lambda f, t=t: heard(t, f))  # type: ignore[misc]
        try:
            for i, t in enumerate(tasks):
                f = futures[i]
                assert f is not None
                back = _came_back(t, f)
                futures[i] = None  # the outcome is not kept once it has been passed on
                if back is None:
                    # A worker that died (killed, out of memory) breaks the whole pool: what it
                    # left is run one by one, each in a fresh process.
                    back = _alone(t)
                    done(back)
                yield back
        finally:
            for f in futures:
                if f is not None:
                    f.cancel()


def check_all(tasks: Sequence[Task], jobs: int, on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """``check_in_order`` as a list."""
    return list(check_in_order(tasks, jobs, on_done))


# --- the command --------------------------------------------------------------------------------


def _manifest_items(name: str) -> list[str]:
    from budget.read.text import decode, read_bytes
    from budget.source import Source

    if name == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        if not data.strip():
            return []
        return read_manifest(decode(data, "<stdin>"))
    text = decode(read_bytes(Path(name), name), name)
    items = read_manifest(text)
    if not items:
        raise InputError(Source(name), "INPUT_EMPTY")
    return items


def main(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", None) or "vi"
    if args.jobs is not None and args.jobs < 1:
        return bad_command("budget", "CLI.jobs_positive", lang)
    items = list(args.file)
    if args.manifest is not None:
        items += _manifest_items(args.manifest)
    if not items:
        return bad_command("budget", "CLI.no_input", lang)
    out = Path(args.xlsx) if args.xlsx else None
    reports = [Path(p) for p in (getattr(args, "html", None), getattr(args, "pdf", None)) if p]
    inputs = collect(items, [o for o in (out, *reports) if o is not None], lang)
    if inputs.clashes:
        from budget.output import OutputError
        from budget.source import Source

        raise OutputError(Source(inputs.clashes[0]), "OUTPUT_IS_INPUT")
    sheets = out is not None or bool(reports)  # each document's detail: a sheet or a section
    limit = getattr(args, "time_limit", None)
    tasks = [Task(i, p, args.strict_units, args.format, sheets, lang, limit) for i, p in enumerate(inputs.paths, 1)]
    for folder in inputs.empty:  # once each, as an input error at the folder
        error = messages.severity("error", lang)
        sys.stderr.write(f"{folder}: {error} [FOLDER_EMPTY] {messages.render('FOLDER_EMPTY', {}, lang)}\n")
    if not tasks and inputs.empty:
        return EXIT_INPUT
    if not tasks:  # patterns that matched only files of other kinds: nothing was checked
        skipped = {"prog": "budget", "skipped": len(inputs.skipped)}
        sys.stderr.write(messages.render("CLI.nothing_to_check", skipped, lang) + "\n")
        return EXIT_INPUT
    from budget.output import check_target, write_safely

    sources = [Path(p) for p in inputs.paths]
    for report in reports:  # written after the run: refused before it, not after
        check_target(report, sources, args.force)
    chromium = None
    if getattr(args, "pdf", None):
        from plancheck.report import require_chromium

        chromium = require_chromium(Path(args.pdf))
    html = None
    if reports:
        from plancheck.write_batch_html import BatchHtml

        html = BatchHtml(lang)
    try:
        done: list[Done] = []
        if out is None:
            done.append(_run(args, tasks, inputs, None, html, lang))
        else:  # checked while the workbook is written: each document's sheet as soon as it is in
            write_safely(
                out, sources, args.force, lambda tmp: done.append(_run(args, tasks, inputs, tmp, html, lang)), lang
            )
        if html is not None:
            finished = done[0]
            if args.html:
                write_safely(Path(args.html), sources, args.force, lambda tmp: html.write(tmp, finished), lang)
            if args.pdf and chromium is not None:
                pdf = Path(args.pdf)
                write_safely(pdf, sources, args.force, lambda tmp: html.write_pdf(tmp, finished, chromium, pdf), lang)
        return max(done[0].total.exit_code, EXIT_INPUT if inputs.empty else 0)
    except KeyboardInterrupt:
        sys.stdout.flush()
        sys.stderr.write("\n" + messages.render("CLI.batch_interrupted", {"prog": "budget"}, lang) + "\n")
        return 130
    finally:
        if html is not None:
            html.close()  # its sections' temporary file


def _run(
    args: argparse.Namespace,
    tasks: list[Task],
    inputs: Inputs,
    workbook: Path | None,
    html: BatchHtml | None,
    lang: str = "vi",
) -> Done:
    """Check every task, streaming each document's output in input order, then the summary."""
    from plancheck.write_batch import JsonSink, TextSink

    sink = JsonSink(sys.stdout) if args.format == "json" else TextSink(sys.stdout, lang)
    book = None
    if workbook is not None:
        from plancheck.write_batch_xlsx import BatchWorkbook

        book = BatchWorkbook(workbook, lang)
    rows: list[DocSummary] = []
    jobs = max(1, min(args.jobs or default_jobs(), len(tasks)))
    names = [Path(t.path).name for t in tasks]
    bar = Progress(len(tasks), wanted(args.quiet), lang=lang, names=names, workers=jobs)
    try:
        outcomes = check_in_order(tasks, jobs, lambda o: bar.advance(Path(o.summary.file).name), bar.start)
        for o in outcomes:
            rows.append(o.summary)
            sink.document(o)
            if book is not None:
                book.document(o.summary, o.sheet)
            if html is not None:
                html.document(o.summary, o.sheet)
            if o.summary.reason is not None:
                bar.say(f"budget: {o.summary.file}: {o.summary.verdict}: {o.summary.reason}\n")
    finally:
        bar.close()
    total = overall(rows, len(inputs.skipped), lang)
    sink.finish(rows, inputs.skipped, total)
    if book is not None:
        book.finish(rows, inputs.skipped, total)
    return Done(rows, list(inputs.skipped), total)
