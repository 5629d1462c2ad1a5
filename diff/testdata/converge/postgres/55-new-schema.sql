-- A table in a schema the current database does not have yet.
-- current
CREATE TABLE base (id integer PRIMARY KEY);
INSERT INTO base VALUES (1);
-- desired
CREATE TABLE base (id integer PRIMARY KEY);
CREATE SCHEMA archive;
CREATE TABLE archive.base_old (id integer PRIMARY KEY, base_id integer REFERENCES public.base (id));
