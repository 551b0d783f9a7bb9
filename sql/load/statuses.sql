-- Each report's status follows its findings: an error fails it, a warning flags it.
UPDATE reports SET parse_status = CASE
        WHEN EXISTS (SELECT 1 FROM validation_issues v WHERE v.report_id = reports.report_id AND v.severity = 'error') THEN 'failed'
        WHEN EXISTS (SELECT 1 FROM validation_issues v WHERE v.report_id = reports.report_id) THEN 'warnings'
        ELSE 'ok' END;
