-- Edits in place: a composite type gains an attribute (ALTER TYPE … ADD
-- ATTRIBUTE; the column of the type is kept, NULL here because a stored
-- value's text gains the new attribute) and an extension is added to a
-- database that has others.
-- plan: composite.alter extension.create index.create
-- current
CREATE EXTENSION citext;
CREATE TYPE address AS (street text);
CREATE TABLE customer (id integer PRIMARY KEY, email citext, home address, name text);
INSERT INTO customer VALUES (1, 'A@b.c', NULL, 'alice');
-- desired
CREATE EXTENSION citext;
CREATE EXTENSION pg_trgm;
CREATE TYPE address AS (street text, zip varchar(10));
CREATE TABLE customer (id integer PRIMARY KEY, email citext, home address, name text);
CREATE INDEX customer_name_trgm ON customer USING gin (name gin_trgm_ops);
