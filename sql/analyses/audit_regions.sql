-- Headline figures of the selected counted reports (no failed reports, no duplicates), for all
-- of them, per province and per city; regions in the order of their division codes.
-- disclosure_rate (sql/macros.sql) over the sums of granted, partially_granted and processed of the
-- reports that print all three (a blank is never read as 0, and numerator and denominator cover
-- the same reports).
WITH h AS (
    SELECT r.province, r.city, r.division_code, h.parse_status, h.received, h.processed, h.reviews, h.suits,
           h.granted, h.partially_granted,
           (h.granted + h.partially_granted + h.processed) IS NOT NULL AS rated
    FROM report_headlines h
    JOIN stg_reports r USING (report_id)
    JOIN audit_selection USING (report_id)
), grouped AS (
    SELECT CASE WHEN grouping(province) = 1 THEN 'all' WHEN grouping(city) = 1 THEN 'province' ELSE 'city' END AS level,
           province, city,
           min(left(division_code, 2)) AS province_key, min(left(division_code, 4)) AS city_key,
           count(*) AS reports,
           count(*) FILTER (WHERE parse_status = 'warnings') AS flagged,
           sum(received)::BIGINT AS received,
           sum(processed)::BIGINT AS processed,
           sum(granted + partially_granted) FILTER (WHERE rated)::BIGINT AS disclosed,
           sum(processed) FILTER (WHERE rated)::BIGINT AS rated_processed,
           disclosure_rate(sum(granted) FILTER (WHERE rated), sum(partially_granted) FILTER (WHERE rated),
                           sum(processed) FILTER (WHERE rated)) AS disclosure_rate,
           sum(reviews)::BIGINT AS reviews,
           sum(suits)::BIGINT AS suits
    FROM h
    GROUP BY GROUPING SETS ((), (province), (province, city))
)
SELECT level, province, city, reports, flagged, received, processed, disclosed, rated_processed,
       disclosure_rate, reviews, suits
FROM grouped
WHERE reports > 0 AND (level <> 'city' OR city IS NOT NULL)  -- () over no rows is one empty row
ORDER BY level = 'all' DESC, province IS NULL, province_key, province, level = 'province' DESC, city_key, city;
