-- Applications received and processed per year, summed over the selected counted reports.
SELECT h.year, count(*) AS reports, sum(h.received)::BIGINT AS received, sum(h.processed)::BIGINT AS processed
FROM report_headlines h
JOIN audit_selection USING (report_id)
WHERE h.year IS NOT NULL
GROUP BY h.year
ORDER BY h.year;
