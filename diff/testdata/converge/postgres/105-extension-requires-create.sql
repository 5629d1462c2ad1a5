-- An extension is created after the extension it requires even when that
-- one is installed in a schema that sorts after its own: earthdistance
-- (in public) requires cube (in zz). In schema and name order
-- earthdistance would come first and fail ("required extension cube is
-- not installed").
-- plan: extension.create extension.create schema.create
-- current
CREATE TABLE place (id int PRIMARY KEY);
INSERT INTO place VALUES (1);
-- desired
CREATE SCHEMA zz;
CREATE EXTENSION cube SCHEMA zz;
CREATE EXTENSION earthdistance SCHEMA public;
CREATE TABLE place (id int PRIMARY KEY);
