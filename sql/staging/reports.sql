-- Staging: the stored tables with the keys and flags every mart shares, each defined here once.

-- One row per report.
--   body    = who published it: the canonical name where the body was placed, else the name as
--             printed. The key for "the same body" across reports (duplicates, cross-year, metrics).
--   counted = the report counts in figures: not failed and not a duplicate of another report.
CREATE OR REPLACE VIEW stg_reports AS
SELECT *,
       coalesce(canonical_agency, agency) AS body,
       parse_status <> 'failed' AND duplicate_of IS NULL AS counted
FROM reports;

-- Table 3 cells with the group of their row (codes.code_group: denied, unavailable, …).
CREATE OR REPLACE VIEW stg_applications AS
SELECT a.*, c.code_group AS row_group
FROM applications a
LEFT JOIN codes c ON c.kind = 't3_row' AND c.code = a.row_code;

-- Table 4 cells with the group of their proceeding (litigation: both kinds of suit).
CREATE OR REPLACE VIEW stg_review_litigation AS
SELECT l.*, c.code_group AS proceeding_group
FROM review_litigation l
LEFT JOIN codes c ON c.kind = 'proceeding' AND c.code = l.proceeding;
