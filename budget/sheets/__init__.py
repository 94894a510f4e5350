"""Workbooks and CSV files → plans: the tool's own template by its layout (``template``), any
other sheet by the grid reader (``grid``), which finds tables by their header words and reads
them with the text-table reader (``budget.tables``); ``workbook`` and ``delimited`` are the
entry points for .xlsx and .csv."""
