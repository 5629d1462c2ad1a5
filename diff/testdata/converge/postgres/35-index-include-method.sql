-- INCLUDE columns, and access methods other than btree (hash, gin, brin).
-- current
CREATE TABLE logs (id bigint PRIMARY KEY, at timestamptz, level text, tags text[], payload jsonb);
CREATE INDEX logs_level_idx ON logs (level);
INSERT INTO logs VALUES (1, '2024-01-01 00:00+00', 'info', '{a,b}', '{"k": 1}');
-- desired
CREATE TABLE logs (id bigint PRIMARY KEY, at timestamptz, level text, tags text[], payload jsonb);
CREATE INDEX logs_level_idx ON logs USING hash (level);
CREATE INDEX logs_at_idx ON logs (at) INCLUDE (level, id);
CREATE INDEX logs_tags_idx ON logs USING gin (tags);
CREATE INDEX logs_payload_idx ON logs USING gin (payload jsonb_path_ops);
CREATE INDEX logs_at_brin_idx ON logs USING brin (at);
