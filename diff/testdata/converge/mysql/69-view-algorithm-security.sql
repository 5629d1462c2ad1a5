-- A view's ALGORITHM, SQL SECURITY and CHECK OPTION change, and a view
-- that calls a function is added after the function.
-- plan: view.drop routine.create view.create view.create
-- current
CREATE TABLE t (id INT PRIMARY KEY, a INT);
INSERT INTO t VALUES (1, 1);
CREATE VIEW v AS SELECT id, a FROM t WHERE a > 0;

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a INT);
CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2;
CREATE ALGORITHM = MERGE SQL SECURITY INVOKER VIEW v AS SELECT id, a FROM t WHERE a > 0 WITH CASCADED CHECK OPTION;
CREATE VIEW v2 AS SELECT id, twice(a) AS a2 FROM t;
