-- Defaults changed, including a type change of a column with a default.
-- current
CREATE TABLE tasks (id integer PRIMARY KEY, status text DEFAULT 'new', priority integer DEFAULT 1, code text DEFAULT '5');
INSERT INTO tasks VALUES (1, 'open', 2, '42');
-- desired
CREATE TABLE tasks (id integer PRIMARY KEY, status text DEFAULT 'open', priority integer DEFAULT 3, code integer DEFAULT 7);
