-- Prefix lengths and descending key parts are part of an index.
-- plan: index.drop index.create index.drop index.create
-- current
CREATE TABLE docs (id int PRIMARY KEY, title varchar(200), body text, at datetime);
CREATE INDEX docs_title_idx ON docs (title(10));
CREATE INDEX docs_at_idx ON docs (at);
INSERT INTO docs VALUES (1, 'a', 'b', '2024-01-01 00:00:00');
-- desired
CREATE TABLE docs (id int PRIMARY KEY, title varchar(200), body text, at datetime);
CREATE INDEX docs_title_idx ON docs (title(20));
CREATE INDEX docs_at_idx ON docs (at DESC, id);
