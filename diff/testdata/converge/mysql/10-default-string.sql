-- current
CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(20) DEFAULT 'old', b VARCHAR(20), c CHAR(3) DEFAULT 'NUL', d ENUM('x','y','z') DEFAULT 'x');
INSERT INTO t (id) VALUES (1);
INSERT INTO t VALUES (2, 'v', 'w', 'abc', 'z');

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(20) DEFAULT 'new', b VARCHAR(20) DEFAULT '', c CHAR(4) DEFAULT 'NULL', d ENUM('x','y','z') NOT NULL DEFAULT 'y');
