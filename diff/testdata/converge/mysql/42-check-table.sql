-- current
CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, CONSTRAINT ck_old CHECK (a > 0), CONSTRAINT ck_change CHECK (b > 0));
INSERT INTO t VALUES (1, 1, 1), (2, 5, 10);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, CONSTRAINT ck_change CHECK (b >= 0 AND b < 100), CONSTRAINT ck_new CHECK (a < b + 100));
