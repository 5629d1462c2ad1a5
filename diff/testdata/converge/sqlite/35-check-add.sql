-- Check constraints are added: named, unnamed, table and column level.
-- current
CREATE TABLE stock (id INTEGER PRIMARY KEY, qty INT, price REAL, sku TEXT);
INSERT INTO stock VALUES (1, 5, 1.5, 'AB-1'), (2, 0, 2.0, 'CD-2');

-- desired
CREATE TABLE stock (id INTEGER PRIMARY KEY, qty INT CHECK (qty >= 0), price REAL CONSTRAINT price_positive CHECK (price > 0),
    sku TEXT, CONSTRAINT sku_format CHECK (sku LIKE '__-%'), CHECK (qty < 1000000));
