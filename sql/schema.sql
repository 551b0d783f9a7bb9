-- What the warehouse holds besides its tables. The tables themselves (SPEC §3) are created
-- from parsers/table_spec.csv (parsers.table_spec.ddl(), run just before this file): long
-- tables, one row per reported number; a blank or absent cell is a row with NULL, never 0.
-- Safe to run on every start.

INSERT INTO xxgk_meta VALUES ('schema', 'xxgk warehouse 4') ON CONFLICT DO NOTHING;
