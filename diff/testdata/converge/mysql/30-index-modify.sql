-- current
CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, c INT, KEY ix (a), KEY ix2 (a, b));
INSERT INTO t VALUES (1, 1, 2, 3);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, c INT, KEY ix (a, c), KEY ix2 (b, a));
