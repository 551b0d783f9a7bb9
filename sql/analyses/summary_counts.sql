-- The summary's other counts: duplicates not counted, and files gone from the raw folder.
SELECT (SELECT count(*) FROM reports WHERE duplicate_of IS NOT NULL) AS duplicates,
       (SELECT count(*) FROM source_files WHERE NOT present) AS missing_files
