-- A unique constraint turns into the primary key; nullability follows.
-- current
CREATE TABLE tags (id integer, name text CONSTRAINT tags_name_key UNIQUE);
INSERT INTO tags VALUES (1, 'a'), (2, 'b');
-- desired
CREATE TABLE tags (id integer, name text CONSTRAINT tags_pkey PRIMARY KEY);
