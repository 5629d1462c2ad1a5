-- AUTOINCREMENT is removed; another table keeps it and its counter.
-- current
CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT);
INSERT INTO jobs (name) VALUES ('a'), ('b');
INSERT INTO runs (job) VALUES ('x'), ('y'), ('z');
DELETE FROM runs WHERE id = 3;

-- desired
CREATE TABLE jobs (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT NOT NULL);
