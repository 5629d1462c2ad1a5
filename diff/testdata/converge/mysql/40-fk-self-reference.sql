-- current
CREATE TABLE node (id INT PRIMARY KEY, parent_id INT, name VARCHAR(20));
INSERT INTO node VALUES (1, NULL, 'root'), (2, 1, 'leaf');

-- desired
CREATE TABLE node (id INT PRIMARY KEY, parent_id INT, name VARCHAR(20),
  CONSTRAINT fk_node_parent FOREIGN KEY (parent_id) REFERENCES node (id) ON DELETE SET NULL);
CREATE TABLE tree (id INT PRIMARY KEY, up INT, CONSTRAINT fk_tree_up FOREIGN KEY (up) REFERENCES tree (id));
