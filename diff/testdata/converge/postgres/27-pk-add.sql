-- A primary key added to a table with unique, non-null rows (named and default-named).
-- current
CREATE TABLE a (id integer, v text);
CREATE TABLE b (code text NOT NULL, v text);
INSERT INTO a VALUES (1, 'x'), (2, 'y');
INSERT INTO b VALUES ('k', 'z');
-- desired
CREATE TABLE a (id integer PRIMARY KEY, v text);
CREATE TABLE b (code text NOT NULL, v text, CONSTRAINT b_primary PRIMARY KEY (code));
