-- The template's codes, from parsers/catalogue.csv (registered by the loader as incoming_codes:
-- one row per kind and code, its first label). code_group is the catalogue's parent: the group a
-- row or proceeding belongs to (denied, unavailable, not_processed, other_handling, results,
-- litigation, legal_person_or_org). Marts select a group by joining here, never by a code's spelling.
-- The table itself is made from parsers/table_spec.csv; here it is filled anew.
DELETE FROM codes;
INSERT INTO codes SELECT kind, code, code_group, label_zh FROM incoming_codes;
