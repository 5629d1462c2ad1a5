-- A view's column list, as written, is part of the view: it changes here
-- (and another view keeps its own through a rebuild of its table), so the
-- views are created again with the names they had.
-- plan: view.drop view.drop view.create view.create table.rebuild
-- current
CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n TEXT);
CREATE VIEW labels AS SELECT id, name FROM t;
CREATE VIEW "named" ("Key", [value]) AS SELECT id, n FROM t;
INSERT INTO t VALUES (1, 'a', '1');

-- desired
CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER);
CREATE VIEW labels (ident, label) AS SELECT id, name FROM t;
CREATE VIEW "named" ("Key", [value]) AS SELECT id, n FROM t;
