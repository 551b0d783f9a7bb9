-- One batch of parsed reports, as the loader registered them (incoming_*), into the tables.
INSERT INTO reports           BY NAME SELECT * FROM incoming_reports;
INSERT INTO active_disclosure BY NAME SELECT * FROM incoming_active_disclosure;
INSERT INTO applications      BY NAME SELECT * FROM incoming_applications;
INSERT INTO review_litigation BY NAME SELECT * FROM incoming_review_litigation;
INSERT INTO report_sections   BY NAME SELECT * FROM incoming_report_sections;
INSERT INTO validation_issues BY NAME SELECT * FROM incoming_validation_issues;
INSERT INTO unmapped_labels   BY NAME SELECT * FROM incoming_unmapped_labels;
