-- Each report's status and reason as parsers.checks.statuses decided them from all its findings,
-- the ones across reports included (decided_statuses, registered by the loader). Only rows that
-- change are written.
UPDATE reports SET parse_status = d.parse_status, status_reason = d.status_reason
FROM decided_statuses d
WHERE reports.report_id = d.report_id
  AND (reports.parse_status IS DISTINCT FROM d.parse_status OR reports.status_reason IS DISTINCT FROM d.status_reason);
