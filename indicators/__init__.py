"""Targets (chỉ tiêu) of plans and their evaluation against actual data."""
