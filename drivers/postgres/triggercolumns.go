package postgres

// TriggersPinColumns reports that ALTER COLUMN … TYPE fails on a column a
// trigger's UPDATE OF list or WHEN condition names (ddl.TriggerColumnPinner).
func (Driver) TriggersPinColumns() bool { return true }

// TriggerColumnsRecorded reports that triggersSQL reads each trigger's
// columns from pg_depend (ddl.TriggerColumnRecorder).
func (Driver) TriggerColumnsRecorded() bool { return true }
