-- Extension, type and collation comments are comment.set items like
-- every other kind's: an extension's comment changed in place, a
-- composite type that gains an attribute has its comment changed beside
-- the ALTER TYPE, a range type's comment removed, and new range types and
-- collations carry theirs from their creation.
-- plan: comment.set comment.set comment.set composite.alter collation.create range.create
-- current
CREATE EXTENSION pg_trgm;
CREATE TYPE address AS (street text);
COMMENT ON TYPE address IS 'old';
CREATE TYPE floatrange AS RANGE (subtype = float8);
COMMENT ON TYPE floatrange IS 'to remove';
CREATE TABLE customer (id integer PRIMARY KEY, budget floatrange);
INSERT INTO customer VALUES (1, '[1,2)');
-- desired
CREATE EXTENSION pg_trgm;
COMMENT ON EXTENSION pg_trgm IS 'trigrams';
CREATE TYPE address AS (street text, city text);
COMMENT ON TYPE address IS 'a postal address';
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TYPE numrange2 AS RANGE (subtype = numeric);
COMMENT ON TYPE numrange2 IS 'numbers';
CREATE COLLATION c_posix (locale = 'C');
COMMENT ON COLLATION c_posix IS 'byte order';
CREATE TABLE customer (id integer PRIMARY KEY, budget floatrange);
