-- Same-named indexes, unique keys and checks on several tables, changed on one table each; one trigger moved
-- to another table under its name (MariaDB names triggers per database).
-- current
CREATE TABLE store (id INT PRIMARY KEY, name VARCHAR(50), code VARCHAR(10), last_update TIMESTAMP NULL,
  UNIQUE KEY uq_code (code), KEY ix_name (name), CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE actor (id INT PRIMARY KEY, name VARCHAR(50), code VARCHAR(10), last_update TIMESTAMP NULL,
  UNIQUE KEY uq_code (code), KEY ix_name (name), CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE film (id INT PRIMARY KEY, name VARCHAR(50), code VARCHAR(10), last_update TIMESTAMP NULL,
  UNIQUE KEY uq_code (code), KEY ix_name (name), CONSTRAINT positive_id CHECK (id > 0));
CREATE TRIGGER touch BEFORE UPDATE ON store FOR EACH ROW SET NEW.last_update = NOW();
INSERT INTO store VALUES (1, 'a', 'a', NULL);
INSERT INTO actor VALUES (1, 'a', 'a', NULL);
INSERT INTO film VALUES (1, 'a', 'a', NULL);
-- desired
CREATE TABLE store (id INT PRIMARY KEY, name VARCHAR(50), code VARCHAR(10), last_update TIMESTAMP NULL,
  UNIQUE KEY uq_code (code), KEY ix_name (name, code), CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE actor (id INT PRIMARY KEY, name VARCHAR(50), code VARCHAR(10), last_update TIMESTAMP NULL,
  UNIQUE KEY uq_code (code, name), KEY ix_name (name), CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE film (id INT PRIMARY KEY, name VARCHAR(50), code VARCHAR(10), last_update TIMESTAMP NULL,
  UNIQUE KEY uq_code (code), KEY ix_name (name), CONSTRAINT positive_id CHECK (id >= 1));
CREATE TRIGGER touch BEFORE UPDATE ON actor FOR EACH ROW SET NEW.last_update = NOW();
