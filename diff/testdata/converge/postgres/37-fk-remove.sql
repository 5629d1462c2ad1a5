-- Foreign keys removed.
-- current
CREATE TABLE authors (id integer PRIMARY KEY);
CREATE TABLE books (id integer PRIMARY KEY, author_id integer REFERENCES authors (id), editor_id integer CONSTRAINT books_editor_fk REFERENCES authors (id));
INSERT INTO authors VALUES (1);
INSERT INTO books VALUES (1, 1, 1);
-- desired
CREATE TABLE authors (id integer PRIMARY KEY);
CREATE TABLE books (id integer PRIMARY KEY, author_id integer, editor_id integer);
