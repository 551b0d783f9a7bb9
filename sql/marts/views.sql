-- Marts for analysts, built on staging (sql/staging/). Every view counts a report once: only
-- counted reports (stg_reports.counted: not failed, not a duplicate). NULL stays NULL: a blank
-- is never taken as 0.

-- The reports every figure counts, with the columns of reports.
CREATE OR REPLACE VIEW counted_reports AS
SELECT * EXCLUDE (body, counted) FROM stg_reports
WHERE counted;

-- Table 3, one column per applicant type, one row per report and row_code. The columns are the
-- catalogue's applicant codes (a test holds them to it); a blank stays NULL.
CREATE OR REPLACE VIEW applications_wide AS
PIVOT (SELECT a.report_id, r.agency, r.year, a.row_code, a.applicant, a.count
       FROM stg_applications a JOIN stg_reports r USING (report_id) WHERE r.counted)
ON applicant IN ('natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org',
                 'legal_service_agency', 'other_org', 'total')
USING max(count)
GROUP BY report_id, agency, year, row_code;

-- Table 4, one row per report and proceeding; the columns are the catalogue's outcome codes.
CREATE OR REPLACE VIEW review_litigation_wide AS
PIVOT (SELECT l.report_id, r.agency, r.year, l.proceeding, l.outcome, l.count
       FROM stg_review_litigation l JOIN stg_reports r USING (report_id) WHERE r.counted)
ON outcome IN ('upheld', 'corrected', 'other', 'pending', 'total')
USING max(count)
GROUP BY report_id, agency, year, proceeding;

-- The 总计 column of table 3, one row per report (every report: the audit page lists failed
-- ones too). A group's sum (its rows by codes.code_group) is NULL only when every row of it is NULL.
CREATE OR REPLACE VIEW table3_totals AS
SELECT report_id,
       max(count) FILTER (WHERE row_code = 'new_received')      AS received,
       max(count) FILTER (WHERE row_code = 'carried_over')      AS carried_over,
       max(count) FILTER (WHERE row_code = 'total_processed')   AS processed,
       max(count) FILTER (WHERE row_code = 'granted')           AS granted,
       max(count) FILTER (WHERE row_code = 'partially_granted') AS partially_granted,
       sum(count) FILTER (WHERE row_group = 'denied')::BIGINT        AS denied,
       sum(count) FILTER (WHERE row_group = 'unavailable')::BIGINT   AS unavailable,
       sum(count) FILTER (WHERE row_group = 'not_processed')::BIGINT AS not_processed,
       max(count) FILTER (WHERE row_code = 'carried_forward')   AS carried_forward
FROM stg_applications
WHERE applicant = 'total'
GROUP BY report_id;

-- One row per counted report with its headline figures (the 总计 column of table 3);
-- disclosure_rate as in sql/macros.sql.
CREATE OR REPLACE VIEW report_headlines AS
WITH t4 AS (
    SELECT report_id,
           max(count) FILTER (WHERE proceeding = 'administrative_review') AS reviews,
           sum(count) FILTER (WHERE proceeding_group = 'litigation')::BIGINT AS suits
    FROM stg_review_litigation
    WHERE outcome = 'total'
    GROUP BY report_id
), fees AS (
    SELECT report_id, max(value) AS fees_wan_yuan
    FROM active_disclosure
    WHERE item = 'administrative_fees' AND measure = 'amount_wan_yuan'
    GROUP BY report_id
), issues AS (
    SELECT report_id, count(*) AS warnings
    FROM validation_issues WHERE severity = 'warning'
    GROUP BY report_id
)
SELECT r.report_id, r.agency, r.year, r.template_version, r.parse_status,
       t3.received, t3.carried_over, t3.processed, t3.granted, t3.partially_granted,
       disclosure_rate(t3.granted, t3.partially_granted, t3.processed) AS disclosure_rate,
       t3.denied, t3.unavailable, t3.not_processed, t3.carried_forward,
       t4.reviews, t4.suits, fees.fees_wan_yuan,
       coalesce(issues.warnings, 0) AS warnings,
       r.source_path
FROM stg_reports r
LEFT JOIN table3_totals t3 USING (report_id)
LEFT JOIN t4 USING (report_id)
LEFT JOIN fees USING (report_id)
LEFT JOIN issues USING (report_id)
WHERE r.counted;
