-- Whether the warehouse has been built (its tables made by sql/schema.sql).
SELECT count(*) > 0 FROM information_schema.tables WHERE table_name = 'source_files'
