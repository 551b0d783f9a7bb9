-- One batch of parsed reports replaces whatever the warehouse held for the same report_ids.
-- Runs inside the batch's transaction, with the incoming_* relations registered by the loader.
DELETE FROM active_disclosure WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM applications      WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM review_litigation WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM report_sections   WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM validation_issues WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM unmapped_labels   WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM reports           WHERE report_id IN (SELECT report_id FROM incoming_reports);

INSERT INTO reports           BY NAME SELECT * FROM incoming_reports;
INSERT INTO active_disclosure BY NAME SELECT * FROM incoming_active_disclosure;
INSERT INTO applications      BY NAME SELECT * FROM incoming_applications;
INSERT INTO review_litigation BY NAME SELECT * FROM incoming_review_litigation;
INSERT INTO report_sections   BY NAME SELECT * FROM incoming_report_sections;
INSERT INTO validation_issues BY NAME SELECT * FROM incoming_validation_issues;
INSERT INTO unmapped_labels   BY NAME SELECT * FROM incoming_unmapped_labels;
