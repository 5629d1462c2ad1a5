-- A domain added and used by a new column; another's default, NOT NULL and
-- checks change in place; one unused is dropped.
-- current
CREATE DOMAIN qty AS integer DEFAULT 0 CONSTRAINT qty_positive CHECK (VALUE >= 0);
CREATE DOMAIN old_code AS text;
CREATE TABLE line (id integer PRIMARY KEY, n qty);
INSERT INTO line VALUES (1, 3), (2, 0);
-- desired
CREATE DOMAIN qty AS integer DEFAULT 1 NOT NULL CONSTRAINT qty_small CHECK (VALUE < 1000000);
CREATE DOMAIN sku AS varchar(12) CHECK (VALUE ~ '^[A-Z0-9-]+$');
CREATE TABLE line (id integer PRIMARY KEY, n qty, code sku);
