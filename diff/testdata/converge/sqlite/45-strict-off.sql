-- A STRICT WITHOUT ROWID table stops being STRICT.
-- current
CREATE TABLE metrics (name TEXT PRIMARY KEY, value INT NOT NULL) STRICT, WITHOUT ROWID;
INSERT INTO metrics VALUES ('cpu', 1), ('mem', 2);

-- desired
CREATE TABLE metrics (name TEXT PRIMARY KEY, value INT NOT NULL) WITHOUT ROWID;
