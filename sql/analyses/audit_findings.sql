-- Every finding on the selected reports (audit_selection: report ids registered by
-- pipelines/audit.py), errors first.
SELECT v.report_id, v.check_name, v.severity, v.detail
FROM validation_issues v
JOIN audit_selection USING (report_id)
ORDER BY v.report_id, v.severity = 'error' DESC, v.check_name, v.detail;
