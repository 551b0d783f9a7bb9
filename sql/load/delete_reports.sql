-- A batch's reports that the warehouse holds already (parsed again: a new parser version, or
-- --full) go, all their rows, before the batch is inserted (insert_reports.sql). Runs inside the
-- batch's transaction, with the incoming_* relations registered by the loader; skipped when
-- batch_state.sql finds none of them stored (every table's rows hang off a reports row).
DELETE FROM active_disclosure WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM applications      WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM review_litigation WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM report_sections   WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM validation_issues WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM unmapped_labels   WHERE report_id IN (SELECT report_id FROM incoming_reports);
DELETE FROM reports           WHERE report_id IN (SELECT report_id FROM incoming_reports);
