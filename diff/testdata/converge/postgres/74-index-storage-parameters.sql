-- Storage parameters (WITH (fillfactor = …)) are part of an index.
-- plan: index.drop index.create
-- current
CREATE TABLE events (id int PRIMARY KEY, at timestamptz);
CREATE INDEX events_at_idx ON events (at) WITH (fillfactor = 70);
INSERT INTO events VALUES (1, '2024-01-01 00:00+00');
-- desired
CREATE TABLE events (id int PRIMARY KEY, at timestamptz);
CREATE INDEX events_at_idx ON events (at) WITH (fillfactor = 90);
