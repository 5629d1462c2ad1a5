-- A virtual (FTS5) table is created; another is dropped.
-- current
CREATE TABLE docs_src (id INTEGER PRIMARY KEY, body TEXT);
CREATE VIRTUAL TABLE old_search USING fts5(body);
INSERT INTO docs_src VALUES (1, 'hello world');
INSERT INTO old_search (body) VALUES ('hello');

-- desired
CREATE TABLE docs_src (id INTEGER PRIMARY KEY, body TEXT);
CREATE VIRTUAL TABLE search USING fts5(title, body);
