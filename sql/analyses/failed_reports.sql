-- Failed reports and why, the first $limit by path: what the summary after an ingest lists.
SELECT source_path, status_reason FROM reports
WHERE parse_status = 'failed'
ORDER BY source_path
LIMIT $limit
