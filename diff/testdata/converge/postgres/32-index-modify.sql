-- Indexes redefined under the same name: becomes unique, changes columns, gets DESC.
-- current
CREATE TABLE items (id integer PRIMARY KEY, sku text, name text, price numeric);
CREATE INDEX items_sku_idx ON items (sku);
CREATE INDEX items_multi_idx ON items (name);
CREATE INDEX items_price_idx ON items (price);
INSERT INTO items VALUES (1, 'A-1', 'pen', 1), (2, 'B-2', 'pen', 2);
-- desired
CREATE TABLE items (id integer PRIMARY KEY, sku text, name text, price numeric);
CREATE UNIQUE INDEX items_sku_idx ON items (sku);
CREATE INDEX items_multi_idx ON items (name, price);
CREATE INDEX items_price_idx ON items (price DESC NULLS LAST);
