-- current
CREATE TABLE keep_me (id INT PRIMARY KEY);
CREATE TABLE obsolete (id INT PRIMARY KEY, note TEXT);
INSERT INTO keep_me VALUES (1), (2);
INSERT INTO obsolete VALUES (1, 'gone');

-- desired
CREATE TABLE keep_me (id INT PRIMARY KEY);
