-- current
CREATE TABLE t (id INT PRIMARY KEY, code CHAR(36), n INT DEFAULT 3, j TEXT);
INSERT INTO t VALUES (1, 'abc', 4, 'x');

-- desired
CREATE TABLE t (id INT PRIMARY KEY, code CHAR(36) DEFAULT (uuid()), n INT DEFAULT (1 + 2), j TEXT DEFAULT (concat('a', 'b')));
