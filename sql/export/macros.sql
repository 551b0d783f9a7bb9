-- A CSV text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a
-- carriage return) gets a leading ' (OWASP, CSV injection). Temporary: the export may open the
-- warehouse read-only.
CREATE OR REPLACE TEMP MACRO csv_text(v) AS
    CASE WHEN regexp_matches(v, '^[=+\-@\t\r]') THEN '''' || v ELSE v END;
