DROP TABLE IF EXISTS audit_selection
