-- Analyst metrics over counted reports (stg_reports.counted: failed reports and duplicates left
-- out), built on staging. Each formula is defined once (disclosure_rate in sql/macros.sql, the
-- others here); every ratio is NULL when its denominator is NULL or 0, and a blank cell is never
-- read as 0 (any NULL operand makes the result NULL).

-- disclosure_rate        = (granted + partially_granted) / total_processed          [总计 column]
-- review_correction_rate = review corrected / (upheld + corrected + other)           [decided reviews]
-- litigation_correction_rate = corrected / (upheld + corrected + other), both kinds of suit together
CREATE OR REPLACE VIEW report_metrics AS
WITH t4 AS (
    SELECT report_id,
           max(count) FILTER (WHERE proceeding = 'administrative_review' AND outcome = 'corrected') AS review_corrected,
           max(count) FILTER (WHERE proceeding = 'administrative_review' AND outcome = 'upheld')    AS review_upheld,
           max(count) FILTER (WHERE proceeding = 'administrative_review' AND outcome = 'other')     AS review_other,
           sum(count) FILTER (WHERE proceeding_group = 'litigation' AND outcome = 'corrected')::BIGINT AS litigation_corrected,
           sum(count) FILTER (WHERE proceeding_group = 'litigation' AND outcome IN ('upheld', 'corrected', 'other'))::BIGINT AS litigation_decided,
           count(count) FILTER (WHERE proceeding_group = 'litigation' AND outcome IN ('upheld', 'corrected', 'other')) AS litigation_cells
    FROM stg_review_litigation GROUP BY report_id
)
SELECT r.report_id, r.body, r.agency, r.year,
       r.province, r.city, r.county, r.division_code, r.body_kind,
       t3.received, t3.processed, t3.granted, t3.partially_granted,
       disclosure_rate(t3.granted, t3.partially_granted, t3.processed) AS disclosure_rate,
       t4.review_corrected / nullif(t4.review_upheld + t4.review_corrected + t4.review_other, 0) AS review_correction_rate,
       CASE WHEN t4.litigation_cells = 6 THEN t4.litigation_corrected / nullif(t4.litigation_decided, 0) END AS litigation_correction_rate
FROM stg_reports r
LEFT JOIN table3_totals t3 USING (report_id)
LEFT JOIN t4 USING (report_id)
WHERE r.counted;

-- share = count of the reason / total_processed, for each 不予公开 (group denied) and 无法提供
-- (group unavailable) reason, 总计 column.
CREATE OR REPLACE VIEW refusal_reason_shares AS
SELECT a.report_id, r.agency, r.year, a.row_code AS reason, a.count,
       a.count / nullif(t3.processed, 0) AS share
FROM stg_applications a
JOIN stg_reports r USING (report_id)
LEFT JOIN table3_totals t3 USING (report_id)
WHERE r.counted AND a.applicant = 'total' AND a.row_group IN ('denied', 'unavailable');

-- The same body's change from its previous year's report (change = this year − last year).
CREATE OR REPLACE VIEW metrics_year_on_year AS
SELECT body, year, report_id, received, processed, disclosure_rate,
       lag(year) OVER w AS previous_year,
       received - lag(received) OVER w AS received_change,
       processed - lag(processed) OVER w AS processed_change,
       disclosure_rate - lag(disclosure_rate) OVER w AS disclosure_rate_change
FROM report_metrics
WINDOW w AS (PARTITION BY body ORDER BY year);

-- Rank by disclosure_rate (1 = highest) among reports of the same year within the same
-- province, the same city, and the same kind of body; reports with no rate are not ranked.
CREATE OR REPLACE VIEW metrics_rankings AS
SELECT report_id, body, year, province, city, body_kind, disclosure_rate,
       rank() OVER (PARTITION BY year, province ORDER BY disclosure_rate DESC) AS rank_in_province,
       count(*) OVER (PARTITION BY year, province) AS bodies_in_province,
       rank() OVER (PARTITION BY year, province, city ORDER BY disclosure_rate DESC) AS rank_in_city,
       rank() OVER (PARTITION BY year, body_kind ORDER BY disclosure_rate DESC) AS rank_in_kind,
       count(*) OVER (PARTITION BY year, body_kind) AS bodies_of_kind
FROM report_metrics
WHERE disclosure_rate IS NOT NULL;
