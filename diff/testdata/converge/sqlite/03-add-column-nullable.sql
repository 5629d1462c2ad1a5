-- Nullable columns are added in place with ALTER TABLE ADD COLUMN.
-- current
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO people VALUES (1, 'a'), (2, 'b'), (3, NULL);

-- desired
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INTEGER DEFAULT 18, nick TEXT COLLATE NOCASE);
