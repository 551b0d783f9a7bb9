-- One table or view as stored ({relation}: a quoted name filled in by the caller).
SELECT * FROM {relation}
