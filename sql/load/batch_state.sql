-- Before a batch is loaded: whether the warehouse holds any of its reports already (then
-- delete_reports.sql runs), and whether loading it can leave a report without a file (a path
-- whose bytes changed points at a new report; a report of the batch no file points at: then
-- drop_orphans.sql runs). Both are looked up in the small tables (reports has a key), so the
-- common batch, new reports from new files, scans none of the large ones.
SELECT
    EXISTS (SELECT 1 FROM reports WHERE report_id IN (SELECT report_id FROM incoming_reports)) AS stored,
    EXISTS (
        SELECT 1 FROM source_files s JOIN incoming_files i ON i.source_path = s.source_path
        WHERE s.report_id <> i.report_id
    ) OR EXISTS (
        SELECT 1 FROM incoming_reports WHERE report_id NOT IN (SELECT report_id FROM incoming_files)
    ) AS orphans;
