-- Defaults removed.
-- current
CREATE TABLE tasks (id integer PRIMARY KEY, status text DEFAULT 'new', created timestamptz DEFAULT now());
INSERT INTO tasks VALUES (1, 'open', '2024-01-01 00:00:00+00');
-- desired
CREATE TABLE tasks (id integer PRIMARY KEY, status text, created timestamptz);
