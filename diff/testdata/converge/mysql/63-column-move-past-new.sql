-- A column changed and moved, with a new column added before it: it lands after the new column, where the
-- source has it, not after the nearest column both sides had.
-- check: column order
-- current
CREATE TABLE t (b INT, id INT PRIMARY KEY);
INSERT INTO t VALUES (7, 1);
-- desired
CREATE TABLE t (id INT PRIMARY KEY, fresh INT, b BIGINT);
