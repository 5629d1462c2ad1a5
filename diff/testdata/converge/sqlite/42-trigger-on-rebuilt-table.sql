-- Triggers on a rebuilt table, and on another table naming it, survive the rebuild.
-- current
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, qty TEXT);
CREATE TABLE audit (id INTEGER PRIMARY KEY, msg TEXT);
CREATE TRIGGER items_ins AFTER INSERT ON items BEGIN INSERT INTO audit (msg) VALUES (new.name); END;
CREATE TRIGGER audit_ins AFTER INSERT ON audit BEGIN UPDATE items SET qty = qty WHERE id = 0; END;
INSERT INTO items VALUES (1, 'a', '1'), (2, 'b', '2');

-- desired
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER DEFAULT 0);
CREATE TABLE audit (id INTEGER PRIMARY KEY, msg TEXT);
CREATE TRIGGER items_ins AFTER INSERT ON items BEGIN INSERT INTO audit (msg) VALUES (new.name); END;
CREATE TRIGGER audit_ins AFTER INSERT ON audit BEGIN UPDATE items SET qty = qty WHERE id = 0; END;
