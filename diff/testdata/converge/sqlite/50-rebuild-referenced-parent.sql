-- A parent table referenced by two children (one with ON DELETE CASCADE) is rebuilt; no child row is lost.
-- current
CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT, note TEXT);
CREATE TABLE child_a (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);
CREATE TABLE child_b (id INTEGER PRIMARY KEY, parent_code TEXT REFERENCES parent (code));
CREATE UNIQUE INDEX parent_code ON parent (code);
INSERT INTO parent VALUES (1, 'p1', 'n1'), (2, 'p2', 'n2');
INSERT INTO child_a VALUES (1, 1), (2, 2), (3, 1);
INSERT INTO child_b VALUES (1, 'p2');

-- desired
CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT NOT NULL, extra INT DEFAULT 0);
CREATE TABLE child_a (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);
CREATE TABLE child_b (id INTEGER PRIMARY KEY, parent_code TEXT REFERENCES parent (code));
CREATE UNIQUE INDEX parent_code ON parent (code);
