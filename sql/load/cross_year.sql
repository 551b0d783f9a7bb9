-- Across years, the same body (stg_reports.body), counted reports only:
--   carried_over(year)  = carried_forward(year − 1), per applicant column;
--   in_force(year)      = in_force(year − 1) + issued(year) − repealed(year), for regulations
--                         and normative documents (2021 format; the 2019 format has no such cells).
-- A break is a warning on the later report; both reports keep their numbers as printed.
DELETE FROM validation_issues WHERE check_name IN ('cross_year_carried_over', 'cross_year_in_force');

CREATE OR REPLACE TEMP VIEW body_years AS
SELECT report_id, body, year, source_path
FROM stg_reports
WHERE counted AND year IS NOT NULL AND body IS NOT NULL
QUALIFY count(*) OVER (PARTITION BY body, year) = 1;  -- two reports of one body-year: no pairing

INSERT INTO validation_issues
SELECT cur.report_id, 'cross_year_carried_over', 'warning',
       format('table 3 column {}: carried_over {} in {} but the {} report ({}) carried forward {}',
              a.applicant, a.count, cur.year, prev.year, prev.source_path, b.count)
FROM body_years cur
JOIN body_years prev ON prev.body = cur.body AND prev.year = cur.year - 1
JOIN applications a ON a.report_id = cur.report_id AND a.row_code = 'carried_over'
JOIN applications b ON b.report_id = prev.report_id AND b.row_code = 'carried_forward' AND b.applicant = a.applicant
WHERE a.count IS NOT NULL AND b.count IS NOT NULL AND a.count <> b.count;

INSERT INTO validation_issues
SELECT cur.report_id, 'cross_year_in_force', 'warning',
       format('table 2 {}: in_force {} in {} but the {} report ({}) had {} in force, + {} issued − {} repealed = {}',
              now_.item, now_.in_force::BIGINT, cur.year, prev.year, prev.source_path, before.in_force::BIGINT,
              now_.issued::BIGINT, now_.repealed::BIGINT, (before.in_force + now_.issued - now_.repealed)::BIGINT)
FROM body_years cur
JOIN body_years prev ON prev.body = cur.body AND prev.year = cur.year - 1
JOIN (PIVOT (SELECT report_id, item, measure, value FROM active_disclosure
             WHERE item IN ('regulations', 'normative_documents') AND measure IN ('issued', 'repealed', 'in_force'))
      ON measure IN ('issued', 'repealed', 'in_force') USING first(value) GROUP BY report_id, item) now_
  ON now_.report_id = cur.report_id
JOIN (PIVOT (SELECT report_id, item, measure, value FROM active_disclosure
             WHERE item IN ('regulations', 'normative_documents') AND measure = 'in_force')
      ON measure IN ('in_force') USING first(value) GROUP BY report_id, item) before
  ON before.report_id = prev.report_id AND before.item = now_.item
WHERE now_.in_force IS NOT NULL AND now_.issued IS NOT NULL AND now_.repealed IS NOT NULL AND before.in_force IS NOT NULL
  AND now_.in_force <> before.in_force + now_.issued - now_.repealed;
