-- Only comments change, on every kind MySQL and MariaDB comment: a table,
-- a column, an index (dropped and created: MySQL cannot alter an index's
-- comment), a function and an event. Each is seen and synced.
-- plan: table.comment column.alter index.drop index.create routine.replace event.alter
-- current
CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20) COMMENT 'old name', INDEX ix_name (name) COMMENT 'old index') COMMENT 'old table';
INSERT INTO t VALUES (1, 'a');
CREATE FUNCTION twice(n INT) RETURNS INT DETERMINISTIC COMMENT 'old function' RETURN n * 2;
CREATE EVENT tick ON SCHEDULE EVERY 1 DAY STARTS '2035-01-01 00:00:00' DISABLE COMMENT 'old event' DO DELETE FROM t WHERE id < 0;
-- desired
CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20) COMMENT 'new name', INDEX ix_name (name) COMMENT 'new index') COMMENT 'new table';
CREATE FUNCTION twice(n INT) RETURNS INT DETERMINISTIC COMMENT 'new function' RETURN n * 2;
CREATE EVENT tick ON SCHEDULE EVERY 1 DAY STARTS '2035-01-01 00:00:00' DISABLE DO DELETE FROM t WHERE id < 0;
