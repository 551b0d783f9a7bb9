-- Every connection: no progress bar (long statements would draw on the user's terminal), and
-- DuckDB's memory capped ({memory_limit}: XXGK_DUCKDB_MEMORY, default 256MB; it spills beyond).
SET enable_progress_bar = false;
SET memory_limit = {memory_limit};
