-- An FTS5 table gains a column: the virtual table is rebuilt with its rows.
-- current
CREATE VIRTUAL TABLE search USING fts5(title, body);
INSERT INTO search (title, body) VALUES ('one', 'hello world'), ('two', 'goodbye');

-- desired
CREATE VIRTUAL TABLE search USING fts5(title, body, tags);
