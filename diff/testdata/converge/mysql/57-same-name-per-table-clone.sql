-- Index, unique key and check names repeated on several tables (MariaDB names them per table; trigger and
-- InnoDB foreign-key names are per database, so those differ), cloned into an empty database.
-- current
-- (an empty database)
-- desired
CREATE TABLE store (id INT PRIMARY KEY, name VARCHAR(50), code VARCHAR(10), last_update TIMESTAMP NULL,
  UNIQUE KEY uq_code (code), KEY ix_name (name), CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE actor (id INT PRIMARY KEY, store_id INT, name VARCHAR(50), code VARCHAR(10), last_update TIMESTAMP NULL,
  UNIQUE KEY uq_code (code), KEY ix_name (name), CONSTRAINT positive_id CHECK (id > 0),
  CONSTRAINT fk_actor_store FOREIGN KEY (store_id) REFERENCES store (id));
CREATE TABLE film (id INT PRIMARY KEY, store_id INT, name VARCHAR(50), code VARCHAR(10), last_update TIMESTAMP NULL,
  UNIQUE KEY uq_code (code, name), KEY ix_name (name(10)), CONSTRAINT positive_id CHECK (id > 0 AND id < 1000000),
  CONSTRAINT fk_film_store FOREIGN KEY (store_id) REFERENCES store (id) ON DELETE CASCADE);
CREATE TRIGGER store_last_updated BEFORE UPDATE ON store FOR EACH ROW SET NEW.last_update = NOW();
CREATE TRIGGER actor_last_updated BEFORE UPDATE ON actor FOR EACH ROW SET NEW.last_update = NOW();
CREATE TRIGGER film_last_updated BEFORE UPDATE ON film FOR EACH ROW SET NEW.last_update = NOW();
