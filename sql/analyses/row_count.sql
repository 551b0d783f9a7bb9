-- Rows of one table or view ({relation}: a quoted name filled in by the caller).
SELECT count(*) FROM {relation}
