-- An unreferenced column is dropped in place; an indexed one forces a rebuild.
-- current
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, scratch TEXT, tag TEXT);
CREATE INDEX notes_tag ON notes (tag);
CREATE TABLE other (id INTEGER PRIMARY KEY, junk BLOB, keep TEXT);
INSERT INTO notes VALUES (1, 'b1', 's1', 't1'), (2, 'b2', NULL, 't2');
INSERT INTO other VALUES (1, x'00ff', 'k');

-- desired
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
CREATE TABLE other (id INTEGER PRIMARY KEY, keep TEXT);
