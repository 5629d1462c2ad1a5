-- A view's query changes, including its column list (CREATE OR REPLACE cannot do that).
-- current
CREATE TABLE sales (id integer PRIMARY KEY, region text, amount numeric);
CREATE VIEW report AS SELECT id, region, amount FROM sales;
CREATE VIEW totals AS SELECT region, sum(amount) AS total FROM sales GROUP BY region;
INSERT INTO sales VALUES (1, 'north', 5);
-- desired
CREATE TABLE sales (id integer PRIMARY KEY, region text, amount numeric);
CREATE VIEW report AS SELECT region, amount * 2 AS doubled FROM sales;
CREATE VIEW totals AS SELECT region, sum(amount) AS total, count(*) AS n FROM sales GROUP BY region;
