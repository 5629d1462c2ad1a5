-- A self-referencing foreign key, on a new table and on an existing one.
-- current
CREATE TABLE employees (id integer PRIMARY KEY, manager_id integer);
INSERT INTO employees VALUES (1, NULL), (2, 1);
-- desired
CREATE TABLE employees (id integer PRIMARY KEY, manager_id integer REFERENCES employees (id) ON DELETE SET NULL);
CREATE TABLE categories (id integer PRIMARY KEY, parent_id integer REFERENCES categories (id));
