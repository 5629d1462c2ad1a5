-- Two tables in a foreign-key cycle are both rebuilt, with rows that reference each other.
-- current
CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id), x TEXT);
CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id), y TEXT);
INSERT INTO a VALUES (1, NULL, 'x1'), (2, NULL, 'x2');
INSERT INTO b VALUES (1, 1, 'y1'), (2, 2, 'y2');
UPDATE a SET b_id = id;

-- desired
CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id) ON DELETE SET NULL, x TEXT NOT NULL);
CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id) ON DELETE CASCADE, y TEXT NOT NULL);
