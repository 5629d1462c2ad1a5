-- A view added, another removed; a materialized view added.
-- current
CREATE TABLE sales (id integer PRIMARY KEY, region text, amount numeric);
CREATE VIEW old_sales AS SELECT id, amount FROM sales WHERE amount < 10;
INSERT INTO sales VALUES (1, 'north', 5), (2, 'south', 20);
-- desired
CREATE TABLE sales (id integer PRIMARY KEY, region text, amount numeric);
CREATE VIEW big_sales AS SELECT id, region, amount FROM sales WHERE amount >= 10;
CREATE MATERIALIZED VIEW sales_by_region AS SELECT region, sum(amount) AS total FROM sales GROUP BY region;
COMMENT ON VIEW big_sales IS 'sales of 10 or more';
