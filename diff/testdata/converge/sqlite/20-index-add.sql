-- Indexes are added to an existing table.
-- current
CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author TEXT, year INT);
INSERT INTO books VALUES (1, 'Dune', 'Herbert', 1965), (2, 'Emma', 'Austen', 1815);

-- desired
CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author TEXT, year INT);
CREATE INDEX books_author ON books (author);
CREATE INDEX books_author_year ON books (author, year DESC);
