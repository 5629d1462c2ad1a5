-- An unnamed foreign key re-pointed to another parent table: the server named both; one sync converges.
-- current
CREATE TABLE a (id INT PRIMARY KEY);
CREATE TABLE b (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, ref INT, FOREIGN KEY (ref) REFERENCES a (id));
INSERT INTO a VALUES (1);
INSERT INTO b VALUES (1);
INSERT INTO child VALUES (1, 1);
-- desired
CREATE TABLE a (id INT PRIMARY KEY);
CREATE TABLE b (id INT PRIMARY KEY);
CREATE TABLE child (id INT PRIMARY KEY, ref INT, FOREIGN KEY (ref) REFERENCES b (id));
