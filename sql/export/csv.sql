-- A table or view as CSV; {columns}: each column, or csv_text(column) for text cells, named as
-- the header should say.
COPY (SELECT {columns} FROM {relation}) TO {target} (FORMAT csv, HEADER)
