-- Every report with each of its findings, in the order they were stored (a report without
-- findings: one row, severity NULL): what parsers.checks.statuses decides each status from.
SELECT r.report_id, v.severity, v.detail
FROM reports r
LEFT JOIN (SELECT rowid AS stored, * FROM validation_issues) v USING (report_id)
ORDER BY r.report_id, v.stored
