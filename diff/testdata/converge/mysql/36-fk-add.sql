-- current
CREATE TABLE parent (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT);
INSERT INTO parent VALUES (1), (2);
INSERT INTO child VALUES (10, 1), (11, 2), (12, NULL);

-- desired
CREATE TABLE parent (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT,
  CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id));
