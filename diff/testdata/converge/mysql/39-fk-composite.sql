-- current
CREATE TABLE parent (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b));
CREATE TABLE child (id INT PRIMARY KEY, pa INT, pb INT);
INSERT INTO parent VALUES (1, 1), (1, 2);
INSERT INTO child VALUES (1, 1, 1), (2, 1, 2);

-- desired
CREATE TABLE parent (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b));
CREATE TABLE child (id INT PRIMARY KEY, pa INT, pb INT,
  CONSTRAINT fk_comp FOREIGN KEY (pa, pb) REFERENCES parent (a, b) ON DELETE CASCADE);
