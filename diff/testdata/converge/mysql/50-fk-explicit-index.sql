-- current
CREATE TABLE parent (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, x INT, KEY ix_explicit (parent_id),
  CONSTRAINT fk_p FOREIGN KEY (parent_id) REFERENCES parent (id));
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES (1, 1, 1);

-- desired
CREATE TABLE parent (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, x INT,
  CONSTRAINT fk_p FOREIGN KEY (parent_id) REFERENCES parent (id));
