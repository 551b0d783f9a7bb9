-- The files the last run found in the raw folder, with the bytes it stored for each.
SELECT source_path, source_sha256 FROM source_files WHERE present
