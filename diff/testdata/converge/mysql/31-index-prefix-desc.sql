-- current
CREATE TABLE t (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, n INT, KEY ix_title (title(10)));
INSERT INTO t VALUES (1, 'hello', 'world', 1);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, n INT,
  KEY ix_title (title(20), n DESC), KEY ix_body (body(30)));
