-- A view that only says 'orders' in a string is not recreated when a
-- column of orders changes type: what a view reads comes from pg_depend,
-- not from names in its text.
-- plan: column.alter
-- current
CREATE TABLE orders (id int PRIMARY KEY, code varchar(10));
CREATE TABLE customers (id int PRIMARY KEY);
CREATE VIEW labels AS SELECT id, 'orders' AS source, 'code' AS col FROM customers;
INSERT INTO orders VALUES (1, 'a');
-- desired
CREATE TABLE orders (id int PRIMARY KEY, code text);
CREATE TABLE customers (id int PRIMARY KEY);
CREATE VIEW labels AS SELECT id, 'orders' AS source, 'code' AS col FROM customers;
