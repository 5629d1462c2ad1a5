-- Column collations change (and an index over such a column follows).
-- current
CREATE TABLE words (id INTEGER PRIMARY KEY, w TEXT COLLATE NOCASE, x TEXT, y TEXT COLLATE RTRIM);
CREATE INDEX words_w ON words (w);
INSERT INTO words VALUES (1, 'Apple', 'b', 'c  '), (2, 'apple', 'B', 'd');

-- desired
CREATE TABLE words (id INTEGER PRIMARY KEY, w TEXT, x TEXT COLLATE NOCASE, y TEXT COLLATE BINARY);
CREATE INDEX words_w ON words (w);
