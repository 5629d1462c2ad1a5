-- A table becomes STRICT.
-- current
CREATE TABLE metrics (id INTEGER PRIMARY KEY, name TEXT, value REAL, raw BLOB, anything);
INSERT INTO metrics VALUES (1, 'cpu', 0.5, x'01', 'x'), (2, 'mem', 12, NULL, 3);

-- desired
CREATE TABLE metrics (id INTEGER PRIMARY KEY, name TEXT, value REAL, raw BLOB, anything ANY) STRICT;
