-- Constraint names repeated on several tables (SQLite names constraints per table, indexes and triggers per
-- database), cloned into an empty database.
-- current
-- (an empty database)
-- desired
CREATE TABLE store (id INTEGER PRIMARY KEY, name TEXT, last_update TEXT, CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE actor (id INTEGER PRIMARY KEY, store_id INTEGER, name TEXT, last_update TEXT,
  CONSTRAINT positive_id CHECK (id > 0), CONSTRAINT fk_store FOREIGN KEY (store_id) REFERENCES store (id));
CREATE TABLE film (id INTEGER PRIMARY KEY, store_id INTEGER, title TEXT, last_update TEXT,
  CONSTRAINT positive_id CHECK (id > 0), CONSTRAINT fk_store FOREIGN KEY (store_id) REFERENCES store (id) ON DELETE CASCADE);
CREATE INDEX actor_name ON actor (name);
CREATE INDEX film_title ON film (title);
CREATE TRIGGER store_last_updated AFTER UPDATE ON store BEGIN UPDATE store SET last_update = datetime('now') WHERE id = new.id; END;
CREATE TRIGGER actor_last_updated AFTER UPDATE ON actor BEGIN UPDATE actor SET last_update = datetime('now') WHERE id = new.id; END;
CREATE TRIGGER film_last_updated AFTER UPDATE ON film BEGIN UPDATE film SET last_update = datetime('now') WHERE id = new.id; END;
