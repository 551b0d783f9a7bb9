-- One batch of parsed reports replaces whatever the warehouse held for the same report_ids,
-- and the batch's files now point at them. Runs inside one transaction with the incoming_*
-- relations registered by the loader.
DELETE FROM active_disclosure WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM applications      WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM review_litigation WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM report_sections   WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM validation_issues WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM reports           WHERE report_id IN (SELECT report_id FROM incoming_reports);

INSERT INTO reports           BY NAME SELECT * FROM incoming_reports;
INSERT INTO active_disclosure BY NAME SELECT * FROM incoming_active_disclosure;
INSERT INTO applications      BY NAME SELECT * FROM incoming_applications;
INSERT INTO review_litigation BY NAME SELECT * FROM incoming_review_litigation;
INSERT INTO report_sections   BY NAME SELECT * FROM incoming_report_sections;
INSERT INTO validation_issues BY NAME SELECT * FROM incoming_validation_issues;

INSERT INTO source_files BY NAME
SELECT s.source_path, s.report_id, s.source_sha256, s.file_size, true AS present,
       coalesce(old.first_seen, now()) AS first_seen
FROM incoming_files s LEFT JOIN source_files old USING (source_path)
WHERE s.report_id IN (SELECT report_id FROM incoming_reports)
ON CONFLICT (source_path) DO UPDATE SET
    report_id = excluded.report_id, source_sha256 = excluded.source_sha256,
    file_size = excluded.file_size, present = true;
