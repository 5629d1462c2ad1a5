-- Dropping columns that carry an index, a unique constraint, a check and a foreign key.
-- current
CREATE TABLE refs (id integer PRIMARY KEY);
CREATE TABLE t (id integer PRIMARY KEY, a text, b integer CHECK (b > 0), c integer REFERENCES refs (id), d text UNIQUE);
CREATE INDEX t_a_idx ON t (a);
INSERT INTO refs VALUES (1);
INSERT INTO t VALUES (1, 'x', 2, 1, 'u');
-- desired
CREATE TABLE refs (id integer PRIMARY KEY);
CREATE TABLE t (id integer PRIMARY KEY);
