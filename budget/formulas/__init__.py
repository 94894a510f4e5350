"""Excel formulas recomputed exactly over Decimal: the formula grammar, values and errors,
the functions, the evaluator, and ``recompute`` which compares every formula cell of a
workbook with the value the file stores."""
