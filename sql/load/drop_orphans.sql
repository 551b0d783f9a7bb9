-- Reports that no file points at any more (its bytes changed, or it was pruned) go, all their rows.
DELETE FROM active_disclosure WHERE report_id NOT IN (SELECT report_id FROM source_files);
DELETE FROM applications      WHERE report_id NOT IN (SELECT report_id FROM source_files);
DELETE FROM review_litigation WHERE report_id NOT IN (SELECT report_id FROM source_files);
DELETE FROM report_sections   WHERE report_id NOT IN (SELECT report_id FROM source_files);
DELETE FROM validation_issues WHERE report_id NOT IN (SELECT report_id FROM source_files);
DELETE FROM unmapped_labels   WHERE report_id NOT IN (SELECT report_id FROM source_files);
DELETE FROM reports           WHERE report_id NOT IN (SELECT report_id FROM source_files);
