-- A column dropped; the other columns keep their rows.
-- current
CREATE TABLE people (id integer PRIMARY KEY, name text, legacy_code char(4), fax varchar(30));
INSERT INTO people VALUES (1, 'Ada', 'AB12', '555'), (2, 'Alan', NULL, NULL);
-- desired
CREATE TABLE people (id integer PRIMARY KEY, name text);
