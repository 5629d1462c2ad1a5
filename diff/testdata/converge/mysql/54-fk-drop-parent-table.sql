-- current
CREATE TABLE parent (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, CONSTRAINT fk_c FOREIGN KEY (parent_id) REFERENCES parent (id));
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES (1, 1);

-- desired
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT);
