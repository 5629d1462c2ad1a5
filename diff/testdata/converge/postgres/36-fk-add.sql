-- Foreign keys added between existing tables with matching rows.
-- current
CREATE TABLE authors (id integer PRIMARY KEY, name text);
CREATE TABLE books (id integer PRIMARY KEY, author_id integer, editor_id integer);
INSERT INTO authors VALUES (1, 'Ada'), (2, 'Alan');
INSERT INTO books VALUES (1, 1, 2), (2, 2, NULL);
-- desired
CREATE TABLE authors (id integer PRIMARY KEY, name text);
CREATE TABLE books (id integer PRIMARY KEY,
    author_id integer CONSTRAINT books_author_fk REFERENCES authors (id),
    editor_id integer REFERENCES authors (id) ON DELETE SET NULL);
