-- Partial indexes: added, predicate changed.
-- current
CREATE TABLE jobs (id integer PRIMARY KEY, state text, run_at timestamptz);
CREATE INDEX jobs_pending_idx ON jobs (run_at) WHERE state = 'pending';
INSERT INTO jobs VALUES (1, 'pending', '2024-01-01 10:00+00'), (2, 'done', NULL);
-- desired
CREATE TABLE jobs (id integer PRIMARY KEY, state text, run_at timestamptz);
CREATE INDEX jobs_pending_idx ON jobs (run_at) WHERE state = ANY (ARRAY['pending', 'retry']);
CREATE UNIQUE INDEX jobs_one_running_idx ON jobs (state) WHERE state = 'running' AND run_at IS NOT NULL;
