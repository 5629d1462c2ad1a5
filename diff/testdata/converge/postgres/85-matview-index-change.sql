-- The indexes of a materialized view are compared like a table's.
-- plan: index.drop index.create index.create
-- current
CREATE TABLE visits (id int PRIMARY KEY, page text);
CREATE MATERIALIZED VIEW page_counts AS SELECT page, count(*) AS n FROM visits GROUP BY page;
CREATE INDEX page_counts_n ON page_counts (n);
-- desired
CREATE TABLE visits (id int PRIMARY KEY, page text);
CREATE MATERIALIZED VIEW page_counts AS SELECT page, count(*) AS n FROM visits GROUP BY page;
CREATE INDEX page_counts_n ON page_counts (n DESC);
CREATE UNIQUE INDEX page_counts_page ON page_counts (page);
