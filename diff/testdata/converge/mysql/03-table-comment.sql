-- current
CREATE TABLE t (id INT PRIMARY KEY) COMMENT='old comment';
CREATE TABLE u (id INT PRIMARY KEY);
CREATE TABLE w (id INT PRIMARY KEY) COMMENT='remove me';
INSERT INTO t VALUES (1);

-- desired
CREATE TABLE t (id INT PRIMARY KEY) COMMENT='new comment: it''s "quoted"; with \\ backslash';
CREATE TABLE u (id INT PRIMARY KEY) COMMENT='added';
CREATE TABLE w (id INT PRIMARY KEY);
