-- Files gone from the raw folder as scanned (incoming_files) are marked, and kept until
-- `xxgk ingest --prune`.
UPDATE source_files SET present = false
WHERE present AND source_path NOT IN (SELECT source_path FROM incoming_files);
