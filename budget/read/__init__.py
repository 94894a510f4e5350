"""Reading files into lines, cells and plans: text (and legacy encodings), Word, PDF, other
office formats through LibreOffice, workbooks in the tool's own template or any grid layout,
and CSV. Nothing here judges a figure; the readers only say where each one was found."""
