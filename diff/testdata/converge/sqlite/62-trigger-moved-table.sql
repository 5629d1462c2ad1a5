-- A trigger keeps its name and moves to another table (SQLite names triggers per database); an index does too.
-- current
CREATE TABLE store (id INTEGER PRIMARY KEY, name TEXT, last_update TEXT);
CREATE TABLE actor (id INTEGER PRIMARY KEY, name TEXT, last_update TEXT);
CREATE INDEX by_name ON store (name);
CREATE TRIGGER touch AFTER UPDATE ON store BEGIN UPDATE store SET last_update = 'x' WHERE id = new.id; END;
INSERT INTO store VALUES (1, 'a', NULL);
INSERT INTO actor VALUES (1, 'b', NULL);
-- desired
CREATE TABLE store (id INTEGER PRIMARY KEY, name TEXT, last_update TEXT);
CREATE TABLE actor (id INTEGER PRIMARY KEY, name TEXT, last_update TEXT);
CREATE INDEX by_name ON actor (name);
CREATE TRIGGER touch AFTER UPDATE ON actor BEGIN UPDATE actor SET last_update = 'x' WHERE id = new.id; END;
