-- Two tables that reference each other: one exists, the other is new, and the old one gains the back reference.
-- current
CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT, head_id INTEGER);
INSERT INTO departments VALUES (1, 'ops', NULL), (2, 'dev', NULL);

-- desired
CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT, head_id INTEGER REFERENCES employees (id));
CREATE TABLE employees (id INTEGER PRIMARY KEY, dept_id INTEGER REFERENCES departments (id), name TEXT);
