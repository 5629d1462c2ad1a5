-- Indexes removed.
-- current
CREATE TABLE items (id integer PRIMARY KEY, sku text, name text);
CREATE INDEX items_name_idx ON items (name);
CREATE UNIQUE INDEX items_sku_idx ON items (sku);
INSERT INTO items VALUES (1, 'A-1', 'pen');
-- desired
CREATE TABLE items (id integer PRIMARY KEY, sku text, name text);
