-- The file of the open warehouse, to name it in a message.
SELECT path FROM duckdb_databases() WHERE database_name = current_database()
