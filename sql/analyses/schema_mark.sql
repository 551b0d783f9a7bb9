-- Which xxgk warehouse this is (sql/schema.sql writes the mark).
SELECT value FROM xxgk_meta WHERE key = 'schema'
