-- Unchanged views over views over a table whose column type changes.
-- current
CREATE TABLE readings (id integer PRIMARY KEY, value integer);
CREATE VIEW r1 AS SELECT id, value FROM readings;
CREATE VIEW r2 AS SELECT id, value FROM r1 WHERE value > 0;
INSERT INTO readings VALUES (1, 5), (2, -1);
-- desired
CREATE TABLE readings (id integer PRIMARY KEY, value bigint);
CREATE VIEW r1 AS SELECT id, value FROM readings;
CREATE VIEW r2 AS SELECT id, value FROM r1 WHERE value > 0;
