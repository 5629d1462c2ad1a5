-- A column becomes NOT NULL and another becomes nullable.
-- current
CREATE TABLE accounts (id INTEGER PRIMARY KEY, login TEXT, secret TEXT NOT NULL);
INSERT INTO accounts VALUES (1, 'root', 's1'), (2, 'guest', 's2');

-- desired
CREATE TABLE accounts (id INTEGER PRIMARY KEY, login TEXT NOT NULL, secret TEXT);
