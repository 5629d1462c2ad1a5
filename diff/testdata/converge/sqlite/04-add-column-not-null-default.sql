-- A NOT NULL column with a constant default can be added in place.
-- current
CREATE TABLE flags (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO flags VALUES (1, 'x'), (2, 'y');

-- desired
CREATE TABLE flags (id INTEGER PRIMARY KEY, name TEXT, enabled INTEGER NOT NULL DEFAULT 1, label TEXT NOT NULL DEFAULT 'none', ratio REAL NOT NULL DEFAULT -0.5);
