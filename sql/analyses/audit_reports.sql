-- The reports the audit page lists: every report (failed and duplicate ones too: this page is
-- where they are seen) whose region or body name contains $region and that covers $year
-- (either NULL: no filter), with its headline numbers as printed (总计 column of table 3).
SELECT r.report_id, r.agency, r.canonical_agency, r.body,
       r.province, r.city, r.county, nullif(concat_ws('', r.province, r.city, r.county), '') AS region,
       r.division_code, r.body_placed, r.body_note, r.year, r.template_version,
       r.parse_status, r.status_reason, r.duplicate_of, o.source_path AS duplicate_of_path, r.source_path,
       t3.received, t3.processed,
       disclosure_rate(t3.granted, t3.partially_granted, t3.processed) AS disclosure_rate
FROM stg_reports r
LEFT JOIN table3_totals t3 USING (report_id)
LEFT JOIN reports o ON o.report_id = r.duplicate_of
WHERE ($year::INTEGER IS NULL OR r.year = $year::INTEGER)
  AND ($region::VARCHAR IS NULL
       OR contains(r.province, $region) OR contains(r.city, $region) OR contains(r.county, $region)
       OR contains(r.canonical_agency, $region) OR contains(r.agency, $region))
ORDER BY r.division_code NULLS LAST, r.body NULLS LAST, r.year, r.source_path;
