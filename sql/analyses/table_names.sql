-- The tables and views of the warehouse, by name.
SELECT table_name FROM information_schema.tables
