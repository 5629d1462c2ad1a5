-- The primary key a foreign key of another table references moves to another column (the referenced column
-- gets a unique constraint): the foreign key must be dropped before the key it depends on and added back after.
-- current
CREATE TABLE parent (id integer NOT NULL, code integer NOT NULL, CONSTRAINT parent_pkey PRIMARY KEY (id));
CREATE TABLE child (id integer PRIMARY KEY, pid integer, CONSTRAINT fk_child_parent FOREIGN KEY (pid) REFERENCES parent (id));
INSERT INTO parent VALUES (1, 10), (2, 20);
INSERT INTO child VALUES (1, 1), (2, 2);
-- desired
CREATE TABLE parent (id integer NOT NULL, code integer NOT NULL, CONSTRAINT parent_pkey PRIMARY KEY (code), CONSTRAINT parent_id_key UNIQUE (id));
CREATE TABLE child (id integer PRIMARY KEY, pid integer, CONSTRAINT fk_child_parent FOREIGN KEY (pid) REFERENCES parent (id));
