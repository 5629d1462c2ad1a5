CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
CREATE TABLE sqlite_sequence(name,seq);
CREATE VIEW named AS SELECT name FROM items
/* named(name) */;
CREATE INDEX items_name ON items(name);
