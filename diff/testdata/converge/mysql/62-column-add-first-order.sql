-- New columns before and between existing ones, in an order that is not their names' order: each lands where
-- the source has it (FIRST, then AFTER the new column before it).
-- check: column order
-- current
CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20));
INSERT INTO t VALUES (1, 'a');
-- desired
CREATE TABLE t (zeta INT, alpha INT, id INT PRIMARY KEY, omega INT, beta INT, name VARCHAR(20), mid INT, aa INT);
