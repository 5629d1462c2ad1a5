-- A table that exists only in the current database is dropped, with its index.
-- current
CREATE TABLE keep (id INTEGER PRIMARY KEY, v TEXT);
CREATE TABLE obsolete (id INTEGER PRIMARY KEY, v TEXT);
CREATE INDEX obsolete_v ON obsolete (v);
INSERT INTO keep VALUES (1, 'a'), (2, 'b');
INSERT INTO obsolete VALUES (1, 'gone');

-- desired
CREATE TABLE keep (id INTEGER PRIMARY KEY, v TEXT);
