-- The files given (incoming_files) point at their reports: new paths are added, a path whose
-- bytes changed points at its new report (drop_orphans.sql then removes the old one).
INSERT INTO source_files BY NAME
SELECT source_path, report_id, source_sha256, file_size, true AS present, now() AS first_seen
FROM incoming_files
WHERE report_id IN (SELECT report_id FROM reports)
ON CONFLICT (source_path) DO UPDATE SET
    report_id = excluded.report_id, source_sha256 = excluded.source_sha256,
    file_size = excluded.file_size, present = true;
