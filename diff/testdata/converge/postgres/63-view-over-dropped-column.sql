-- A column is dropped from a table that an unchanged view reads (the view does not read the column).
-- current
CREATE TABLE staff (id integer PRIMARY KEY, name text, obsolete text);
CREATE VIEW staff_names AS SELECT id, name FROM staff;
INSERT INTO staff VALUES (1, 'Ada', 'x');
-- desired
CREATE TABLE staff (id integer PRIMARY KEY, name text);
CREATE VIEW staff_names AS SELECT id, name FROM staff;
