-- current
CREATE TABLE t (id INT PRIMARY KEY, a INT, s INT AS (a + 1) STORED, p INT);
INSERT INTO t (id, a, p) VALUES (1, 10, 100), (2, 20, 200);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a INT, s INT, p INT AS (a * 10) STORED);
