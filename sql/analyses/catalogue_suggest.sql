-- Labels the catalogue does not know, as the matcher compares them (label_key), ranked by how many
-- reports they would fix: the worklist behind `xxgk catalogue suggest`.
SELECT
    u.in_table,
    u.label_key,
    mode(u.label)                       AS label,
    count(DISTINCT u.report_id)         AS reports,
    mode(u.closest_code)                AS closest_code,
    mode(u.closest_label)               AS closest_label,
    max(u.similarity)                   AS similarity,
    mode(u.after_row)                   AS after_row,
    min(r.source_path || ' (' || coalesce(u.source_ref, '?') || ')') AS example
FROM unmapped_labels u
JOIN reports r USING (report_id)
GROUP BY u.in_table, u.label_key
ORDER BY reports DESC, similarity DESC NULLS LAST, u.label_key
