"""Composes the budget check and the targets into the outputs officers read: the only package that imports both."""
