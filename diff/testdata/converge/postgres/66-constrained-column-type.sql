-- Type changes of columns under a unique constraint, an index with a predicate, and a check.
-- current
CREATE TABLE codes (id integer PRIMARY KEY, code varchar(8) UNIQUE, n smallint CHECK (n > 0), label varchar(5));
CREATE INDEX codes_label_idx ON codes (label) WHERE label IS NOT NULL;
INSERT INTO codes VALUES (1, 'AB', 3, 'l1'), (2, 'CD', 4, NULL);
-- desired
CREATE TABLE codes (id integer PRIMARY KEY, code varchar(32) UNIQUE, n integer CHECK (n > 0), label text);
CREATE INDEX codes_label_idx ON codes (label) WHERE label IS NOT NULL;
