-- Every column of every table and view, in order: what the data dictionary describes.
SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' ORDER BY column_index
