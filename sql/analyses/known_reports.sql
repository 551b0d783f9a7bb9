-- Every stored report's bytes and the parser that read them: what a run need not parse again.
SELECT source_sha256, parser_version FROM reports
