-- current
CREATE TABLE t (id INT PRIMARY KEY, a INT, v INT AS (a * 2) VIRTUAL, s INT AS (a + 1) STORED, k INT AS (a - 1) STORED, w INT AS (a * 4) VIRTUAL);
INSERT INTO t (id, a) VALUES (1, 10), (2, 20);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a INT, v INT AS (a + a) VIRTUAL, s INT AS (a + 1) VIRTUAL, k INT AS (a + 0 - 1) STORED, w INT AS (a * 4) STORED);
