-- Defaults added.
-- current
CREATE TABLE tasks (id integer PRIMARY KEY, status text, priority integer, due date);
INSERT INTO tasks VALUES (1, 'open', 2, '2024-05-01');
-- desired
CREATE TABLE tasks (id integer PRIMARY KEY, status text DEFAULT 'open', priority integer DEFAULT 3, due date DEFAULT (CURRENT_DATE + 7));
