-- A self-referencing foreign key is added to a table with a hierarchy of rows.
-- current
CREATE TABLE staff (id INTEGER PRIMARY KEY, manager_id INTEGER, name TEXT);
INSERT INTO staff VALUES (1, NULL, 'boss'), (2, 1, 'mid'), (3, 2, 'new');

-- desired
CREATE TABLE staff (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES staff (id) ON DELETE SET NULL, name TEXT NOT NULL);
