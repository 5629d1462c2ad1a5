-- current
CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(20), b VARCHAR(20) COLLATE utf8mb4_bin, c VARCHAR(20) CHARACTER SET latin1) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
INSERT INTO t VALUES (1, 'abc', 'Abc', 'xyz');

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin, b VARCHAR(20), c VARCHAR(20) COLLATE utf8mb4_unicode_ci) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
