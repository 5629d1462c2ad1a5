-- Dropped columns that are indexed, in a key, in a check or named by a generated column force a rebuild.
-- current
CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT UNIQUE, b INT CHECK (b > 0), c INT, d INT AS (c + 1), e TEXT, f TEXT);
CREATE INDEX t_e ON t (e);
CREATE INDEX t_f ON t (id) WHERE f IS NOT NULL;
INSERT INTO t (id, a, b, c, e, f) VALUES (1, 'a', 1, 1, 'e', 'f'), (2, 'b', 2, 2, NULL, NULL);

-- desired
CREATE TABLE t (id INTEGER PRIMARY KEY, c INT);
