-- Views are created and dropped.
-- current
CREATE TABLE sales (id INTEGER PRIMARY KEY, region TEXT, amount REAL);
CREATE VIEW old_report AS SELECT region FROM sales;
INSERT INTO sales VALUES (1, 'north', 10), (2, 'south', 20);

-- desired
CREATE TABLE sales (id INTEGER PRIMARY KEY, region TEXT, amount REAL);
CREATE VIEW totals AS SELECT region, sum(amount) AS total FROM sales GROUP BY region;
