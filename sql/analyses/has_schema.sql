-- Whether the warehouse has been built (its tables made from parsers/table_spec.csv).
SELECT count(*) > 0 FROM information_schema.tables WHERE table_name = 'source_files'
