-- The primary key a foreign key of another table references moves to another column (the referenced column
-- keeps a unique key): the foreign key must be dropped before the key it needs and added back after.
-- current
CREATE TABLE parent (id INT NOT NULL, code INT NOT NULL, PRIMARY KEY (id));
CREATE TABLE child (id INT PRIMARY KEY, pid INT, CONSTRAINT fk_child_parent FOREIGN KEY (pid) REFERENCES parent (id));
INSERT INTO parent VALUES (1, 10), (2, 20);
INSERT INTO child VALUES (1, 1), (2, 2);
-- desired
CREATE TABLE parent (id INT NOT NULL, code INT NOT NULL, PRIMARY KEY (code), UNIQUE KEY uq_parent_id (id));
CREATE TABLE child (id INT PRIMARY KEY, pid INT, CONSTRAINT fk_child_parent FOREIGN KEY (pid) REFERENCES parent (id));
