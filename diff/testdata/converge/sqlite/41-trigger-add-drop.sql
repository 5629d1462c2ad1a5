-- Triggers are created, dropped and changed.
-- current
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, updated TEXT);
CREATE TABLE audit (id INTEGER PRIMARY KEY, msg TEXT);
CREATE TRIGGER items_old AFTER DELETE ON items BEGIN INSERT INTO audit (msg) VALUES ('deleted'); END;
CREATE TRIGGER items_upd AFTER UPDATE ON items BEGIN INSERT INTO audit (msg) VALUES ('u'); END;
INSERT INTO items VALUES (1, 'a', NULL);
INSERT INTO audit VALUES (1, 'seed');

-- desired
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, updated TEXT);
CREATE TABLE audit (id INTEGER PRIMARY KEY, msg TEXT);
CREATE TRIGGER items_ins AFTER INSERT ON items BEGIN INSERT INTO audit (msg) VALUES ('inserted ' || new.name); END;
CREATE TRIGGER items_upd AFTER UPDATE OF name ON items BEGIN INSERT INTO audit (msg) VALUES ('renamed'); END;
