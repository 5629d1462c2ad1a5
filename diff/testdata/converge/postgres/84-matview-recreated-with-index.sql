-- A materialized view recreated over a changed column comes back with its
-- indexes and comment.
-- plan: column.alter view.drop view.create index.create
-- current
CREATE TABLE sales (id int PRIMARY KEY, region text, amount int);
CREATE MATERIALIZED VIEW region_totals AS SELECT region, sum(amount) AS total FROM sales GROUP BY region;
CREATE UNIQUE INDEX region_totals_region ON region_totals (region);
COMMENT ON MATERIALIZED VIEW region_totals IS 'per region';
INSERT INTO sales VALUES (1, 'north', 5);
-- desired
CREATE TABLE sales (id int PRIMARY KEY, region text, amount bigint);
CREATE MATERIALIZED VIEW region_totals AS SELECT region, sum(amount) AS total FROM sales GROUP BY region;
CREATE UNIQUE INDEX region_totals_region ON region_totals (region);
COMMENT ON MATERIALIZED VIEW region_totals IS 'per region';
