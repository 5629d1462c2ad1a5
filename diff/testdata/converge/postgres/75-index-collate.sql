-- A key part's collation is part of an index.
-- plan: index.drop index.create
-- current
CREATE TABLE words (id int PRIMARY KEY, w text);
CREATE INDEX words_w_idx ON words (w);
INSERT INTO words VALUES (1, 'b'), (2, 'A');
-- desired
CREATE TABLE words (id int PRIMARY KEY, w text);
CREATE INDEX words_w_idx ON words (w COLLATE "C");
