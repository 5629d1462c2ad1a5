-- Indexes added: plain, multi-column, unique.
-- current
CREATE TABLE items (id integer PRIMARY KEY, sku text, name text, price numeric);
INSERT INTO items VALUES (1, 'A-1', 'pen', 1.5), (2, 'B-2', 'ink', 3);
-- desired
CREATE TABLE items (id integer PRIMARY KEY, sku text, name text, price numeric);
CREATE INDEX items_name_idx ON items (name);
CREATE INDEX items_name_price_idx ON items (name, price);
CREATE UNIQUE INDEX items_sku_key_idx ON items (sku);
