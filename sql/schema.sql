-- The warehouse's tables (SPEC §3). Long tables: one row per reported number; a blank or
-- absent cell is a row with NULL, never 0. Safe to run on every start.

CREATE TABLE IF NOT EXISTS xxgk_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS reports (
    report_id        VARCHAR PRIMARY KEY,   -- first 16 hex digits of the raw bytes' sha256
    source_path      VARCHAR NOT NULL,      -- the first file found with these bytes
    source_format    VARCHAR,               -- from the bytes: txt, html, pdf, docx, ...
    source_sha256    VARCHAR NOT NULL,
    file_size        BIGINT,
    agency           VARCHAR,               -- the publishing body as the title prints it
    canonical_agency VARCHAR,               -- the same body's full name with its region (NULL: not placed)
    province         VARCHAR,
    city             VARCHAR,
    county           VARCHAR,
    division_code    VARCHAR,               -- official administrative division code of the body's region
    body_kind        VARCHAR,               -- people_government, government_office, department, development_zone, other
    body_placed      BOOLEAN,               -- false: the region could not be placed with certainty
    body_note        VARCHAR,               -- why not placed (candidates named), never a guess
    year             INTEGER,               -- the year the report covers
    template_version VARCHAR,               -- '2019' or '2021' national format
    parse_status     VARCHAR NOT NULL CHECK (parse_status IN ('ok', 'warnings', 'failed')),
    status_reason    VARCHAR,               -- why it failed (the first error)
    duplicate_of     VARCHAR,               -- another report with the same body, year and numbers
    numbers_fingerprint VARCHAR,            -- hash of the table-3 numbers as printed (NULL: none printed)
    parser_version   VARCHAR,
    ingested_at      TIMESTAMPTZ NOT NULL
);

-- Every file seen under the raw folder and the report its bytes are.
CREATE TABLE IF NOT EXISTS source_files (
    source_path   VARCHAR PRIMARY KEY,
    report_id     VARCHAR NOT NULL,
    source_sha256 VARCHAR NOT NULL,
    file_size     BIGINT,
    present       BOOLEAN NOT NULL,         -- false: gone from the raw folder at the last run
    first_seen    TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS active_disclosure (
    report_id       VARCHAR NOT NULL,
    item            VARCHAR NOT NULL,
    measure         VARCHAR NOT NULL,
    value           DOUBLE,                 -- fees always in 万元
    unit_as_printed VARCHAR,                -- 元 or 万元 for amounts
    source_ref      VARCHAR                 -- where the number stands in the source
);

CREATE TABLE IF NOT EXISTS applications (
    report_id  VARCHAR NOT NULL,
    row_code   VARCHAR NOT NULL,
    applicant  VARCHAR NOT NULL,
    count      BIGINT,
    source_ref VARCHAR
);

CREATE TABLE IF NOT EXISTS review_litigation (
    report_id  VARCHAR NOT NULL,
    proceeding VARCHAR NOT NULL,
    outcome    VARCHAR NOT NULL,
    count      BIGINT,
    source_ref VARCHAR
);

CREATE TABLE IF NOT EXISTS report_sections (
    report_id VARCHAR NOT NULL,
    section   INTEGER NOT NULL,
    heading   VARCHAR NOT NULL,
    body      VARCHAR
);

CREATE TABLE IF NOT EXISTS validation_issues (
    report_id  VARCHAR NOT NULL,
    check_name VARCHAR NOT NULL,
    severity   VARCHAR NOT NULL CHECK (severity IN ('error', 'warning')),
    detail     VARCHAR NOT NULL
);

-- Labels printed in a table, with numbers after them, that the catalogue does not know: the
-- worklist of `xxgk catalogue suggest`.
CREATE TABLE IF NOT EXISTS unmapped_labels (
    report_id     VARCHAR NOT NULL,
    in_table      INTEGER NOT NULL,      -- 2, 3 or 4: the template table it stood in
    label         VARCHAR NOT NULL,      -- as printed
    label_key     VARCHAR NOT NULL,      -- normalised as the matcher compares labels
    after_row     VARCHAR,               -- the code of the last row recognised before it
    source_ref    VARCHAR,
    closest_code  VARCHAR,               -- the nearest catalogue label of that table
    closest_label VARCHAR,
    similarity    DOUBLE                 -- 0–1
);

INSERT INTO xxgk_meta VALUES ('schema', 'xxgk warehouse 4') ON CONFLICT DO NOTHING;
