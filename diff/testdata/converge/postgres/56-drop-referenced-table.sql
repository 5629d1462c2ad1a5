-- A table is dropped while a surviving table still references it: the key goes first.
-- current
CREATE TABLE countries (code char(2) PRIMARY KEY);
CREATE TABLE cities (id integer PRIMARY KEY, country char(2) REFERENCES countries (code), name text);
INSERT INTO countries VALUES ('FR');
INSERT INTO cities VALUES (1, 'FR', 'Paris');
-- desired
CREATE TABLE cities (id integer PRIMARY KEY, country char(2), name text);
