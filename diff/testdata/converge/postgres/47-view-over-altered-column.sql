-- A view reads a column whose type changes: PostgreSQL refuses to alter it under the view.
-- current
CREATE TABLE orders (id integer PRIMARY KEY, total integer, status varchar(10));
CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status::text = 'open';
CREATE VIEW open_count AS SELECT count(*) AS n FROM open_orders;
INSERT INTO orders VALUES (1, 10, 'open'), (2, 20, 'closed');
-- desired
CREATE TABLE orders (id integer PRIMARY KEY, total bigint, status text);
CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status = 'open';
CREATE VIEW open_count AS SELECT count(*) AS n FROM open_orders;
