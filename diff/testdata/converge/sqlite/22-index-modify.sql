-- An index changes its columns, its order and its uniqueness.
-- current
CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author TEXT, isbn TEXT);
CREATE INDEX books_a ON books (author);
CREATE INDEX books_i ON books (isbn);
CREATE INDEX books_t ON books (title ASC);
INSERT INTO books VALUES (1, 'Dune', 'Herbert', '1'), (2, 'Emma', 'Austen', '2');

-- desired
CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author TEXT, isbn TEXT);
CREATE INDEX books_a ON books (author, title);
CREATE UNIQUE INDEX books_i ON books (isbn);
CREATE INDEX books_t ON books (title DESC);
