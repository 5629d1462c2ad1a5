-- Views (one over another) over a table that must be rebuilt keep working.
-- current
CREATE TABLE sales (id INTEGER PRIMARY KEY, region TEXT, amount TEXT);
CREATE VIEW by_region AS SELECT region, amount FROM sales;
CREATE VIEW regions AS SELECT DISTINCT region FROM by_region;
INSERT INTO sales VALUES (1, 'north', '10'), (2, 'south', '20');

-- desired
CREATE TABLE sales (id INTEGER PRIMARY KEY, region TEXT NOT NULL, amount REAL CHECK (amount >= 0));
CREATE VIEW by_region AS SELECT region, amount FROM sales;
CREATE VIEW regions AS SELECT DISTINCT region FROM by_region;
