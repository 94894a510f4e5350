"""The documented lazy-import points of the program (``budget``, ``indicators``, ``plancheck``).

A check of a text plan imports only what it uses: ``budget check PLAN.txt`` starts in a
few tenths of the time it took when every reader and writer was imported up front (pint's
registry, openpyxl, XlsxWriter, Jinja2, pandas, pdfplumber and python-docx cost most of a
second; ``benchmarks/startup.py`` measures it). So each heavy dependency, and each module of
ours that brings one in, is imported inside the function that needs it: the reader of its
format, the writer of its output, the command that uses it. These are those places.

An import inside a function is a lazy-import point only for that reason (cost, for a run
that does not need it), never to hide an import cycle. A test (``tests/test_fast_start.py``)
holds this list to the code both ways: every point listed is an import in that function,
and every import of a heavy dependency inside a function is listed here; it also checks in
a fresh interpreter that a text check leaves the heavy dependencies unimported.
"""

from __future__ import annotations

# Third-party packages a run imports only for the format or output asked for.
HEAVY = ("pint", "openpyxl", "pandas", "numpy", "jinja2", "pdfplumber", "docx", "xlsxwriter", "babel", "rich", "lxml")

# (module, function, what it imports): the function imports it on first call.
LAZY_IMPORT_POINTS: tuple[tuple[str, str, str], ...] = (
    # pint builds the registry that units_table.txt is derived from; a check reads the table
    ("budget.units", "registry", "pint"),
    # Babel for figures in a language other than Vietnamese (formatted by hand)
    ("budget.numbers", "_babel", "babel.numbers"),
    # readers of a format: workbooks and CSV (openpyxl), Word (python-docx), PDF (pdfplumber)
    ("budget.api", "plan_of", "budget.sheets.workbook"),
    ("budget.api", "plan_of", "budget.sheets.delimited"),
    ("budget.read.office", "document_lines", "budget.read.pdf"),
    ("budget.read.office", "document_lines", "budget.read.word"),
    ("budget.read.word", "read_docx", "docx"),
    ("budget.read.word", "of", "docx.opc.constants"),
    ("budget.read.pdf", "read_pdf", "pdfplumber"),
    # writers of an output: workbooks (XlsxWriter), HTML and PDF (Jinja2), the progress bar (rich)
    ("indicators.write_targets", "write_targets_xlsx", "xlsxwriter"),
    ("indicators.write_tasks", "write_tasks_xlsx", "xlsxwriter"),
    ("indicators.read_tasks", "read_register", "budget.read.xlsx_io"),
    ("plancheck.cli", "_template", "plancheck.xlsx.template"),
    ("plancheck.pipeline", "check_document", "plancheck.workbook"),
    ("plancheck.cli", "_check_one", "plancheck.workbook"),
    ("plancheck.cli", "_check_one", "plancheck.report"),
    ("plancheck.progress", "_show", "rich.console"),
    ("plancheck.progress", "_show", "rich.progress"),
    # a run over several documents: processes, the batch's views and writers
    ("plancheck.cli", "main", "plancheck.batch"),
    # files written safely (temporary files, copies) only when an output file is asked for;
    # LibreOffice run (processes, temporary folders) only for .doc and .odt
    ("plancheck.cli", "_template", "budget.output"),
    ("plancheck.cli", "_check_one", "budget.output"),
    ("budget.read.office", "document_lines", "tempfile"),
    ("budget.read.office", "soffice", "shutil"),
    ("budget.read.office", "convert_to_docx", "shutil"),
    ("budget.read.office", "convert_to_docx", "subprocess"),
)
