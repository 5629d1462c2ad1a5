-- An INTEGER PRIMARY KEY gains AUTOINCREMENT.
-- current
CREATE TABLE tickets (id INTEGER PRIMARY KEY, title TEXT);
INSERT INTO tickets VALUES (1, 'one'), (5, 'five');

-- desired
CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT);
