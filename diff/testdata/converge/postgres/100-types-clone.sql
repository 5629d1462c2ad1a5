-- A clone into an empty database of a schema that uses extensions and
-- user types: a citext column, a pg_trgm GIN index (gin_trgm_ops), a
-- btree_gist EXCLUDE constraint, a composite type used by a column and by
-- a function, a range type used by a column, and a collation used by a
-- column. Extensions come first, the collation before the types, the
-- types before the tables and the function.
-- current
SELECT 1;
-- desired
CREATE EXTENSION citext;
CREATE EXTENSION pg_trgm;
CREATE EXTENSION btree_gist;
CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE address AS (street text, zip varchar(10));
COMMENT ON TYPE address IS 'a postal address';
CREATE TABLE customer (
    id integer PRIMARY KEY,
    email citext NOT NULL,
    name text COLLATE ci,
    home address,
    budget floatrange
);
CREATE INDEX customer_name_trgm ON customer USING gin (name gin_trgm_ops);
CREATE TABLE booking (
    room integer NOT NULL,
    during tsrange NOT NULL,
    EXCLUDE USING gist (room WITH =, during WITH &&)
);
CREATE FUNCTION zip_of(a address) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT a.zip $$;
