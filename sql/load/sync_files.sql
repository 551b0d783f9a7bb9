-- Files gone from the raw folder as scanned (incoming_files) are marked, and kept until
-- `xxgk ingest --prune`.
UPDATE source_files SET present = false
WHERE present AND source_path NOT IN (SELECT source_path FROM incoming_files);

-- A gone file whose report is only a failure about the machine (it could not be read, a link not
-- followed: no bytes, no numbers) is forgotten at once; drop_orphans.sql then removes the report.
DELETE FROM source_files
WHERE NOT present
  AND report_id IN (SELECT report_id FROM reports WHERE parse_status = 'failed' AND parser_version LIKE '%+retry');
