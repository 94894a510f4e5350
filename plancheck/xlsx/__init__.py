"""The checked budget as an Excel workbook (``workbook.write_workbook``) and the blank template
(``template.write_template``): one module per sheet, the formula strings as pure functions
(``formulas``), and the fast row writer (``book`` with ``rows``) isolated with its pinned
XlsxWriter range and its byte-equality test (``tests/test_xlsx_rows.py``)."""
