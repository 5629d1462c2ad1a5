-- current
CREATE TABLE t (id INT PRIMARY KEY, price DECIMAL(10,2), qty INT);
INSERT INTO t VALUES (1, 2.50, 4), (2, 1.00, NULL);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, price DECIMAL(10,2), qty INT,
  total DECIMAL(12,2) AS (price * qty) VIRTUAL,
  label VARCHAR(30) AS (concat('#', id)) STORED);
