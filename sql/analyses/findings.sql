-- The findings behind one asset check: validation_issues of the named checks ($checks), or
-- every error when $errors is true, with the report they are about.
SELECT r.report_id, r.agency, r.year, r.source_path, v.check_name, v.detail
FROM validation_issues v JOIN reports r USING (report_id)
WHERE list_contains($checks::VARCHAR[], v.check_name) OR ($errors AND v.severity = 'error')
ORDER BY r.source_path, v.check_name;
