-- A view over a view: the inner one changes, the outer one must be recreated around it.
-- current
CREATE TABLE sales (id INTEGER PRIMARY KEY, region TEXT, amount REAL);
CREATE VIEW big_sales AS SELECT * FROM sales WHERE amount > 10;
CREATE VIEW big_regions AS SELECT DISTINCT region FROM big_sales;
INSERT INTO sales VALUES (1, 'north', 10), (2, 'south', 20);

-- desired
CREATE TABLE sales (id INTEGER PRIMARY KEY, region TEXT, amount REAL);
CREATE VIEW big_sales AS SELECT * FROM sales WHERE amount > 5;
CREATE VIEW big_regions AS SELECT DISTINCT region FROM big_sales;
CREATE VIEW region_count AS SELECT count(*) AS n FROM big_regions;
