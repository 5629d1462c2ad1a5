-- current
CREATE TABLE t (id INT PRIMARY KEY COMMENT 'the id', a INT COMMENT 'old', b INT);
INSERT INTO t VALUES (1, 2, 3);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a INT COMMENT 'new; it''s', b INT COMMENT 'added "b"');
