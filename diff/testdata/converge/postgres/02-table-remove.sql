-- A table the desired database no longer has, referenced by another dropped table.
-- current
CREATE TABLE keep (id integer PRIMARY KEY);
CREATE TABLE parent (id integer PRIMARY KEY, label text);
CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id));
INSERT INTO keep VALUES (1), (2);
INSERT INTO parent VALUES (1, 'a');
INSERT INTO child VALUES (10, 1);
-- desired
CREATE TABLE keep (id integer PRIMARY KEY);
