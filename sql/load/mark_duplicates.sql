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

-- The same report under other bytes (another encoding, a re-save): same body (stg_reports.body),
-- year and numbers. The first ingested is counted; the others point at it.
UPDATE reports SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL;
WITH fingerprints AS (
    SELECT report_id, body, year, ingested_at, numbers_fingerprint AS numbers
    FROM stg_reports
    WHERE parse_status <> 'failed' AND body IS NOT NULL AND year IS NOT NULL AND numbers_fingerprint IS NOT NULL
), ranked AS (
    SELECT report_id,
           first_value(report_id) OVER (PARTITION BY body, year, numbers ORDER BY ingested_at, report_id) AS original
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
