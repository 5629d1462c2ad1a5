-- An index the optimizer ignores (MariaDB 10.6 IGNORED, MySQL 8 INVISIBLE)
-- differs from a used one, and a unique one stays an index.
-- plan: index.drop index.create index.create
-- current
CREATE TABLE hits (id int PRIMARY KEY, path varchar(100), code int);
CREATE INDEX hits_path_idx ON hits (path);
INSERT INTO hits VALUES (1, '/', 200);
-- desired
CREATE TABLE hits (id int PRIMARY KEY, path varchar(100), code int);
CREATE INDEX hits_path_idx ON hits (path) /*!80000 INVISIBLE */ /*M!100600 IGNORED */;
CREATE UNIQUE INDEX hits_code_idx ON hits (code) /*!80000 INVISIBLE */ /*M!100600 IGNORED */;
