-- A table becomes a view of the same name (drop table, create view).
-- current
CREATE TABLE base (id integer PRIMARY KEY, active boolean);
CREATE TABLE active_base (id integer);
INSERT INTO base VALUES (1, true), (2, false);
INSERT INTO active_base VALUES (1);
-- desired
CREATE TABLE base (id integer PRIMARY KEY, active boolean);
CREATE VIEW active_base AS SELECT id FROM base WHERE active;
