-- A foreign key is removed.
-- current
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER, title TEXT,
    CONSTRAINT posts_author FOREIGN KEY (author_id) REFERENCES authors (id));
INSERT INTO authors VALUES (1, 'a');
INSERT INTO posts VALUES (10, 1, 'x'), (11, NULL, 'y');

-- desired
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER, title TEXT);
