-- Comments of a composite type, a range type and a collation that columns
-- use are set in place (COMMENT ON), never by dropping the type.
-- plan: comment.set comment.set comment.set
-- current
CREATE COLLATION c_posix (locale = 'C');
CREATE TYPE address AS (street text);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TABLE customer (id integer PRIMARY KEY, name text COLLATE c_posix, home address, budget floatrange);
INSERT INTO customer VALUES (1, 'alice', ROW('Main St'), '[1,2)');
-- desired
CREATE COLLATION c_posix (locale = 'C');
COMMENT ON COLLATION c_posix IS 'byte order';
CREATE TYPE address AS (street text);
COMMENT ON TYPE address IS 'a postal address';
CREATE TYPE floatrange AS RANGE (subtype = float8);
COMMENT ON TYPE floatrange IS 'a budget';
CREATE TABLE customer (id integer PRIMARY KEY, name text COLLATE c_posix, home address, budget floatrange);
