-- current
CREATE TABLE t (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, FULLTEXT KEY ft_old (title)) ENGINE=InnoDB;
INSERT INTO t VALUES (1, 'hello', 'world');

-- desired
CREATE TABLE t (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, FULLTEXT KEY ft_both (title, body)) ENGINE=InnoDB;
