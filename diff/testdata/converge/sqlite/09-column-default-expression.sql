-- Expression defaults need parentheses; a column with one cannot be added in place.
-- current
CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO events VALUES (1, 'boot'), (2, 'halt');

-- desired
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    name TEXT,
    at TEXT DEFAULT CURRENT_TIMESTAMP,
    day TEXT DEFAULT (date('now')),
    n INTEGER DEFAULT (1 + 1),
    s TEXT DEFAULT ('a' || 'b')
);
