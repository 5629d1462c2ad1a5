-- A materialized view's query changes; a plain view becomes a materialized one.
-- current
CREATE TABLE sales (id integer PRIMARY KEY, region text, amount numeric);
CREATE MATERIALIZED VIEW region_totals AS SELECT region, sum(amount) AS total FROM sales GROUP BY region;
CREATE VIEW counts AS SELECT count(*) AS n FROM sales;
INSERT INTO sales VALUES (1, 'n', 3);
-- desired
CREATE TABLE sales (id integer PRIMARY KEY, region text, amount numeric);
CREATE MATERIALIZED VIEW region_totals AS SELECT region, sum(amount) AS total, max(amount) AS biggest FROM sales GROUP BY region;
CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM sales;
