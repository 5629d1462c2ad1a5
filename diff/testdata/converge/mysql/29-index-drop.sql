-- current
CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(50), KEY ix_a (a), KEY ix_b (b));
INSERT INTO t VALUES (1, 1, 'x');

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(50), KEY ix_b (b));
