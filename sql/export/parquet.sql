-- A table or view as one parquet file.
COPY (SELECT * FROM {relation}) TO {target} (FORMAT parquet, COMPRESSION zstd)
