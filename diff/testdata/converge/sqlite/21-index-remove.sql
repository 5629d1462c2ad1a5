-- Indexes are removed.
-- current
CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author TEXT);
CREATE INDEX books_author ON books (author);
CREATE UNIQUE INDEX books_title ON books (title);
INSERT INTO books VALUES (1, 'Dune', 'Herbert'), (2, 'Emma', 'Austen');

-- desired
CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author TEXT);
