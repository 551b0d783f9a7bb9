-- Copies and duplicates are named.

-- Byte-identical files: one report, and it says where its copies are.
DELETE FROM validation_issues WHERE check_name IN ('duplicate_file', 'duplicate_report');
INSERT INTO validation_issues
SELECT f.report_id, 'duplicate_file', 'warning',
       'the same bytes are in ' || count(*) || ' files, counted once: '
       || string_agg(f.source_path, ', ' ORDER BY f.source_path)
FROM source_files f
WHERE f.present
GROUP BY f.report_id
HAVING count(*) > 1;

-- The same report under other bytes (another encoding, a re-save): same body, year and
-- numbers. The first ingested is counted; the others point at it.
UPDATE reports SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL;
WITH fingerprints AS (
    SELECT r.report_id, r.agency, r.year, r.ingested_at,
           md5(string_agg(a.row_code || ':' || a.applicant || '=' || coalesce(a.count::VARCHAR, '-'),
                          ',' ORDER BY a.row_code, a.applicant)) AS numbers
    FROM reports r JOIN applications a USING (report_id)
    WHERE r.parse_status <> 'failed' AND r.agency IS NOT NULL AND r.year IS NOT NULL
    GROUP BY ALL
    HAVING count(a.count) > 0
), ranked AS (
    SELECT report_id,
           first_value(report_id) OVER (PARTITION BY agency, year, numbers ORDER BY ingested_at, report_id) AS original
    FROM fingerprints
)
UPDATE reports SET duplicate_of = ranked.original
FROM ranked
WHERE reports.report_id = ranked.report_id AND ranked.original <> ranked.report_id;

INSERT INTO validation_issues
SELECT d.report_id, 'duplicate_report', 'warning',
       'same body, year and table-3 numbers as report ' || d.duplicate_of || ' (' || o.source_path
       || '): not counted in the views'
FROM reports d JOIN reports o ON o.report_id = d.duplicate_of;
