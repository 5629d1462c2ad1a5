-- An INSTEAD OF trigger on a view over a rebuilt table.
-- current
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
CREATE VIEW tv AS SELECT id, v FROM t;
CREATE TRIGGER tv_ins INSTEAD OF INSERT ON tv BEGIN INSERT INTO t (id, v) VALUES (new.id, new.v); END;
INSERT INTO t VALUES (1, 'a');

-- desired
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
CREATE VIEW tv AS SELECT id, v FROM t;
CREATE TRIGGER tv_ins INSTEAD OF INSERT ON tv BEGIN INSERT INTO t (id, v) VALUES (new.id, coalesce(new.v, '')); END;
