-- A view is recreated because its table is rebuilt; its INSTEAD OF trigger, unchanged, must come back with it.
-- current
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
CREATE VIEW tv AS SELECT id, v FROM t;
CREATE TRIGGER tv_ins INSTEAD OF INSERT ON tv BEGIN INSERT INTO t (id, v) VALUES (new.id, new.v); END;
INSERT INTO t VALUES (1, 'a');

-- desired
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
CREATE VIEW tv AS SELECT id, v FROM t;
CREATE TRIGGER tv_ins INSTEAD OF INSERT ON tv BEGIN INSERT INTO t (id, v) VALUES (new.id, new.v); END;
