-- A procedure is added, one changes its body and characteristics, one is dropped.
-- plan: routine.replace routine.create routine.drop
-- current
CREATE TABLE t (id INT PRIMARY KEY, n INT);
INSERT INTO t VALUES (1, 10), (2, 20);
CREATE PROCEDURE bump(IN by_n INT)
BEGIN
  UPDATE t SET n = n + by_n;
END;
CREATE PROCEDURE gone() SELECT 1;

-- desired
CREATE TABLE t (id INT PRIMARY KEY, n INT);
CREATE PROCEDURE bump(IN by_n INT)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'adds by_n; never below zero'
BEGIN
  UPDATE t SET n = GREATEST(n + by_n, 0);
END;
CREATE PROCEDURE total(OUT s BIGINT, INOUT label VARCHAR(20))
  READS SQL DATA
BEGIN
  SELECT SUM(n) INTO s FROM t;
  SET label = CONCAT(label, ': ', s);
END;
