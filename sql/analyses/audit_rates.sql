-- Each selected counted report's disclosure rate (report_metrics: (granted + partially_granted)
-- / total_processed); NULL where the report left one of them blank or processed nothing.
SELECT m.report_id, m.disclosure_rate
FROM report_metrics m
JOIN audit_selection USING (report_id)
ORDER BY m.disclosure_rate;
