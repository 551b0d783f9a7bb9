"""What parsing one file yields, before it becomes frames: plain records, no Dagster, no DuckDB."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Issue:
    check_name: str
    severity: str  # error | warning
    detail: str


@dataclass
class ParsedReport:
    agency: str | None = None
    year: int | None = None
    template_version: str | None = None
    # (section 1–6, heading as printed, body text)
    sections: list[tuple[int, str, str]] = field(default_factory=list)
    # (item, measure, value, unit_as_printed, source_ref)
    active_disclosure: list[tuple[str, str, float | None, str | None, str | None]] = field(default_factory=list)
    # (row_code, applicant, count, source_ref)
    applications: list[tuple[str, str, int | None, str | None]] = field(default_factory=list)
    # (proceeding, outcome, count, source_ref)
    review_litigation: list[tuple[str, str, int | None, str | None]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    # labels in a table that the catalogue does not know, with numbers after them:
    # (table, label as printed, the row it follows, source_ref)
    unmapped: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)

    def error(self, check: str, detail: str) -> None:
        self.issues.append(Issue(check, "error", detail))

    def warn(self, check: str, detail: str) -> None:
        self.issues.append(Issue(check, "warning", detail))

    @property
    def failed(self) -> bool:
        return any(i.severity == "error" for i in self.issues)
