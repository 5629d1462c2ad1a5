-- current
CREATE TABLE t (id INT PRIMARY KEY, a INT CHECK (a > 0), b INT, c INT CHECK (c <> 0));
INSERT INTO t VALUES (1, 1, 1, 1), (2, 5, 10, 2);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a INT CHECK (a >= 0), b INT CHECK (b < 1000), c INT);
CREATE TABLE u (id INT PRIMARY KEY, j LONGTEXT CHECK (json_valid(j)), n INT NOT NULL DEFAULT 1 CHECK (n > 0));
