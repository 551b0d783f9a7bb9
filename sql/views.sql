-- Views for analysts. Every view counts a report once: failed reports and duplicates
-- (reports.duplicate_of) are left out. NULL stays NULL: a blank is never taken as 0.

CREATE OR REPLACE VIEW counted_reports AS
SELECT * FROM reports
WHERE parse_status <> 'failed' AND duplicate_of IS NULL;

-- Table 3, one column per applicant type, one row per report and row_code.
CREATE OR REPLACE VIEW applications_wide AS
SELECT a.report_id, r.agency, r.year, a.row_code,
       max(a.count) FILTER (WHERE a.applicant = 'natural_person')        AS natural_person,
       max(a.count) FILTER (WHERE a.applicant = 'commercial_enterprise') AS commercial_enterprise,
       max(a.count) FILTER (WHERE a.applicant = 'research_institution')  AS research_institution,
       max(a.count) FILTER (WHERE a.applicant = 'social_welfare_org')    AS social_welfare_org,
       max(a.count) FILTER (WHERE a.applicant = 'legal_service_agency')  AS legal_service_agency,
       max(a.count) FILTER (WHERE a.applicant = 'other_org')             AS other_org,
       max(a.count) FILTER (WHERE a.applicant = 'total')                 AS total
FROM applications a JOIN counted_reports r USING (report_id)
GROUP BY ALL;

-- Table 4, one row per report and proceeding.
CREATE OR REPLACE VIEW review_litigation_wide AS
SELECT l.report_id, r.agency, r.year, l.proceeding,
       max(l.count) FILTER (WHERE l.outcome = 'upheld')    AS upheld,
       max(l.count) FILTER (WHERE l.outcome = 'corrected') AS corrected,
       max(l.count) FILTER (WHERE l.outcome = 'other')     AS other,
       max(l.count) FILTER (WHERE l.outcome = 'pending')   AS pending,
       max(l.count) FILTER (WHERE l.outcome = 'total')     AS total
FROM review_litigation l JOIN counted_reports r USING (report_id)
GROUP BY ALL;

-- The 总计 column of table 3, one row per report (every report: the audit page lists failed
-- ones too). A sum over a group of rows is NULL only when every row of it is NULL.
CREATE OR REPLACE VIEW table3_totals AS
SELECT report_id,
       max(count) FILTER (WHERE row_code = 'new_received')      AS received,
       max(count) FILTER (WHERE row_code = 'carried_over')      AS carried_over,
       max(count) FILTER (WHERE row_code = 'total_processed')   AS processed,
       max(count) FILTER (WHERE row_code = 'granted')           AS granted,
       max(count) FILTER (WHERE row_code = 'partially_granted') AS partially_granted,
       sum(count) FILTER (WHERE row_code LIKE 'denied\_%' ESCAPE '\')::BIGINT        AS denied,
       sum(count) FILTER (WHERE row_code LIKE 'unavailable\_%' ESCAPE '\')::BIGINT   AS unavailable,
       sum(count) FILTER (WHERE row_code LIKE 'not\_processed\_%' ESCAPE '\')::BIGINT AS not_processed,
       max(count) FILTER (WHERE row_code = 'carried_forward')   AS carried_forward
FROM applications
WHERE applicant = 'total'
GROUP BY report_id;

-- One row per report with its headline figures (the 总计 column of table 3).
-- granted_share = (granted + partially_granted) / total_processed.
CREATE OR REPLACE VIEW report_headlines AS
WITH t4 AS (
    SELECT report_id,
           max(count) FILTER (WHERE proceeding = 'administrative_review') AS reviews,
           sum(count) FILTER (WHERE proceeding LIKE 'litigation\_%' ESCAPE '\')::BIGINT AS suits
    FROM review_litigation
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
       (t3.granted + t3.partially_granted) / nullif(t3.processed, 0) AS granted_share,
       t3.denied, t3.unavailable, t3.not_processed, t3.carried_forward,
       t4.reviews, t4.suits, fees.fees_wan_yuan,
       coalesce(issues.warnings, 0) AS warnings,
       r.source_path
FROM counted_reports r
LEFT JOIN table3_totals t3 USING (report_id)
LEFT JOIN t4 USING (report_id)
LEFT JOIN fees USING (report_id)
LEFT JOIN issues USING (report_id);
