-- A range type with a canonical function is cloned: the function takes
-- and returns the range type, so the type is first created as a shell
-- (CREATE TYPE r), then the function, then the range over the shell.
-- plan: column.add range.create
-- current
CREATE TABLE t (id int PRIMARY KEY);
INSERT INTO t VALUES (1);
-- desired
CREATE TYPE evenrange;
CREATE FUNCTION evenrange_canon(evenrange) RETURNS evenrange LANGUAGE internal IMMUTABLE STRICT AS 'int4range_canonical';
CREATE TYPE evenrange AS RANGE (subtype = int4, canonical = evenrange_canon);
CREATE TABLE t (id int PRIMARY KEY, span evenrange);
