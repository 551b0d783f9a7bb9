-- reports as parquet partitioned by year, hive style (year=2024/…), like the fact tables.
COPY (SELECT * FROM reports) TO {target} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year))
