-- current
CREATE TABLE t (id INT PRIMARY KEY, e ENUM('a','b'), s SET('x','y'), y YEAR, b BINARY(4), vb VARBINARY(10));
INSERT INTO t VALUES (1, 'a', 'x,y', 2020, 'abcd', 'cd');

-- desired
CREATE TABLE t (id INT PRIMARY KEY, e ENUM('a','b','c''d') NOT NULL DEFAULT 'c''d', s SET('x','y','z') DEFAULT 'x,z', y YEAR DEFAULT 2024, b BINARY(4) NOT NULL DEFAULT 'xy', vb VARBINARY(20) DEFAULT 'zz');
