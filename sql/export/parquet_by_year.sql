-- A fact table as parquet partitioned by its report's year, hive style (year=2024/…).
COPY (SELECT t.*, r.year FROM {relation} t JOIN reports r USING (report_id))
TO {target} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year))
