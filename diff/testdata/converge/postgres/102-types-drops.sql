-- What the source lacks is dropped after what used it: the column of a
-- composite type before the type, the range column before the range type,
-- the column using a collation before the collation, the index using
-- pg_trgm before the extension.
-- current
CREATE EXTENSION pg_trgm;
CREATE COLLATION c_posix (locale = 'C');
CREATE TYPE address AS (street text);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TABLE customer (id integer PRIMARY KEY, name text COLLATE c_posix, home address, budget floatrange);
CREATE INDEX customer_name_trgm ON customer USING gin (name gin_trgm_ops);
-- desired
CREATE TABLE customer (id integer PRIMARY KEY, name text);
