-- After every batch is in: the raw folder as scanned (incoming_files) becomes source_files,
-- files gone from it are marked (kept until `xxgk ingest --prune`).
INSERT INTO source_files BY NAME
SELECT s.source_path, s.report_id, s.source_sha256, s.file_size, true AS present,
       coalesce(old.first_seen, now()) AS first_seen
FROM incoming_files s LEFT JOIN source_files old USING (source_path)
WHERE s.report_id IN (SELECT report_id FROM reports)
ON CONFLICT (source_path) DO UPDATE SET
    report_id = excluded.report_id, source_sha256 = excluded.source_sha256,
    file_size = excluded.file_size, present = true;

UPDATE source_files SET present = false
WHERE present AND source_path NOT IN (SELECT source_path FROM incoming_files);
