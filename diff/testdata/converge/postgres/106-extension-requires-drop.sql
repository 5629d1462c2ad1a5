-- An extension is dropped before the extension it requires even when that
-- one is installed in a schema that sorts first: cube (in aa) is required
-- by earthdistance (in zz). In schema order cube would be dropped first
-- and fail ("other objects depend on it").
-- plan: extension.drop extension.drop
-- current
CREATE SCHEMA aa;
CREATE SCHEMA zz;
CREATE EXTENSION cube SCHEMA aa;
CREATE EXTENSION earthdistance SCHEMA zz;
CREATE TABLE place (id int PRIMARY KEY);
INSERT INTO place VALUES (1);
-- desired
CREATE SCHEMA aa;
CREATE SCHEMA zz;
CREATE TABLE place (id int PRIMARY KEY);
