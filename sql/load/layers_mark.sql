-- The views were built by these SQL layers ($layers: a hash of their text).
INSERT OR REPLACE INTO xxgk_meta VALUES ('layers', $layers);
