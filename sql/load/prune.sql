-- `xxgk ingest --prune`: forget files gone from the raw folder, and the reports only they held.
DELETE FROM source_files WHERE NOT present;
