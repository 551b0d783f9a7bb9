-- Reports per status, for the summary a run prints.
SELECT parse_status, count(*) FROM reports GROUP BY ALL
