-- current
CREATE TABLE t (id INT PRIMARY KEY, email VARCHAR(100), a INT, b INT);
INSERT INTO t VALUES (1, 'x@y', 1, 1), (2, 'z@y', 1, 2);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, email VARCHAR(100), a INT, b INT,
  UNIQUE KEY uq_email (email), CONSTRAINT uq_ab UNIQUE (a, b));
