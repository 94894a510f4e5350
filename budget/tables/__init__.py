"""Tables written as text (pipes, bars, aligned columns, flattened rows) and the tables of
sheets: finding them (``find``), their cells and column roles (``cells``, ``columns``), their
rows read as items, groups and totals (``rows``, ``groups``, ``sums``), all entered by
``reader``."""
