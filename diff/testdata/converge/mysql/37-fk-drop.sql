-- current
CREATE TABLE parent (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, other_id INT, KEY ix_other (other_id),
  CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id),
  CONSTRAINT fk_child_other FOREIGN KEY (other_id) REFERENCES parent (id));
INSERT INTO parent VALUES (1), (2);
INSERT INTO child VALUES (10, 1, 2), (11, 2, NULL);

-- desired
CREATE TABLE parent (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, other_id INT, KEY ix_other (other_id));
