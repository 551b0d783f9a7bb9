-- The reports the audit page shows (audit_ids: registered by pipelines/audit.py), as a table the
-- other audit queries join.
CREATE OR REPLACE TEMP TABLE audit_selection AS SELECT report_id FROM audit_ids
