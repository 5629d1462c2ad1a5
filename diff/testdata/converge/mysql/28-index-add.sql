-- current
CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(50), c INT);
INSERT INTO t VALUES (1, 1, 'x', 1);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(50), c INT,
  KEY ix_a (a), KEY ix_bc (b, c) COMMENT 'composite');
