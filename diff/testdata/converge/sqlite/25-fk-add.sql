-- A foreign key is added to an existing table (SQLite: by rebuilding it).
-- current
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER, title TEXT);
INSERT INTO authors VALUES (1, 'a'), (2, 'b');
INSERT INTO posts VALUES (10, 1, 'x'), (11, 2, 'y'), (12, NULL, 'z');

-- desired
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors (id), title TEXT);
