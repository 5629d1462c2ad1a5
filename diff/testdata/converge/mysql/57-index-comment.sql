-- An index comment is part of the index: changed, it is one drop and one
-- create (MySQL cannot alter an index in place).
-- plan: index.drop index.create
-- current
CREATE TABLE notes (id int PRIMARY KEY, title varchar(100));
CREATE INDEX notes_title_idx ON notes (title) COMMENT 'old';
INSERT INTO notes VALUES (1, 'a');
-- desired
CREATE TABLE notes (id int PRIMARY KEY, title varchar(100));
CREATE INDEX notes_title_idx ON notes (title) COMMENT 'for search';
