-- A table that exists only in the desired database is created.
-- current
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Brian');

-- desired
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    total NUMERIC(10, 2) NOT NULL DEFAULT 0,
    note TEXT COLLATE NOCASE
);
CREATE INDEX orders_customer ON orders (customer_id);
