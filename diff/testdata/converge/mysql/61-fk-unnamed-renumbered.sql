-- Two unnamed foreign keys, the first re-pointed: InnoDB numbers the re-added one child_ibfk_3, which still
-- matches the source's child_ibfk_1 (a generated name carries no identity).
-- current
CREATE TABLE a (id INT PRIMARY KEY);
CREATE TABLE b (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, ref1 INT, ref2 INT, FOREIGN KEY (ref1) REFERENCES a (id), FOREIGN KEY (ref2) REFERENCES b (id));
INSERT INTO a VALUES (1);
INSERT INTO b VALUES (1);
INSERT INTO child VALUES (1, 1, 1);
-- desired
CREATE TABLE a (id INT PRIMARY KEY);
CREATE TABLE b (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, ref1 INT, ref2 INT, FOREIGN KEY (ref1) REFERENCES b (id), FOREIGN KEY (ref2) REFERENCES b (id));
