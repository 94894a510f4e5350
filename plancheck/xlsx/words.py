"""The words of the workbook in the projection's language."""

from __future__ import annotations

from budget import layout, messages
from plancheck.projection import Status


class Words:
    """The workbook's words in one language, from the message table (its Vietnamese sheet names and
    headers are the words of ``layout``, by which the reader finds the sheets and columns)."""

    def __init__(self, lang: str):
        self.lang = lang

        def t(code: str, **args: object) -> str:
            return messages.render(code, args, lang)

        self.t = t

        def sheet(name: str) -> str:
            return t(f"XL.SHEET.{name}")

        self.summary = sheet(layout.SUMMARY)
        self.detail = sheet(layout.DETAIL)
        self.findings = sheet(layout.FINDINGS)
        self.sources = sheet(layout.SOURCES)
        self.units = sheet(layout.UNITS)
        self.targets = sheet("Chỉ tiêu")
        summary = t("XL.summary_headers").split("|")
        self.summary_headers, self.summary_helper = summary[:7], summary[7]
        self.finding_headers = t("XL.finding_headers").split("|")
        self.total_label = t("R.total_row")
        self.title = t("XL.title")
        self.status = {
            Status.OK: t("STATUS.ok"),
            Status.ERROR: t("STATUS.error"),
            Status.INNER: t("STATUS.inner"),
            Status.STATED: t("STATUS.stated"),
            Status.NONE: t("STATUS.none"),
        }

    def detail_headers(self, cols: layout.DetailColumns, unit: str) -> list[str]:
        names = self.t("XL.detail_headers", unit=unit).split("|")
        out = names[:4]
        for k in range(1, cols.slots + 1):
            out += [names[4].replace("{k}", str(k)), names[5].replace("{k}", str(k))]
        return out + names[6:]

    def unit_line(self, unit: str) -> str:
        return self.t("XL.unit_line", unit=unit)

    def severity(self, value: str) -> str:
        return messages.severity(value, self.lang)
