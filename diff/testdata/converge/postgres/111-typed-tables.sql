-- Typed tables (CREATE TABLE … OF type): created OF their composite type
-- with their defaults, NOT NULL and keys; a typed table whose type gains
-- and loses attributes gets its columns through ALTER TYPE … CASCADE (not
-- ALTER TABLE, which PostgreSQL refuses on a typed table) while its own
-- default changes in place; a plain table is bound to a type (ALTER
-- TABLE … OF) and a typed one unbound (NOT OF).
-- plan: column.add column.alter composite.alter table.create table.of table.of
-- current
CREATE TYPE person AS (id int, name text, old text);
CREATE TYPE pet AS (id int, name text);
CREATE TABLE staff OF person (PRIMARY KEY (id), name WITH OPTIONS DEFAULT 'x');
CREATE TABLE animals OF pet;
CREATE TABLE plain_pets (id int, name text);
INSERT INTO staff VALUES (1, 'ann', 'gone');
INSERT INTO animals VALUES (1, 'rex');
INSERT INTO plain_pets VALUES (2, 'tom');
-- desired
CREATE TYPE person AS (id int, name text, email text);
CREATE TYPE pet AS (id int, name text);
CREATE TABLE staff OF person (PRIMARY KEY (id), name WITH OPTIONS DEFAULT 'y' NOT NULL);
CREATE TABLE customers OF person (id WITH OPTIONS NOT NULL, email WITH OPTIONS DEFAULT '', UNIQUE (email));
CREATE TABLE animals (id int, name text, born date);
CREATE TABLE plain_pets OF pet;
