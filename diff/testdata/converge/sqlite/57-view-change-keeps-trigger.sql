-- A view's definition changes; its INSTEAD OF trigger, unchanged, must survive the drop and create.
-- current
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
CREATE VIEW tv AS SELECT id, v FROM t;
CREATE TRIGGER tv_del INSTEAD OF DELETE ON tv BEGIN DELETE FROM t WHERE id = old.id; END;
INSERT INTO t VALUES (1, 'a');

-- desired
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
CREATE VIEW tv AS SELECT id, v FROM t WHERE v IS NOT NULL;
CREATE TRIGGER tv_del INSTEAD OF DELETE ON tv BEGIN DELETE FROM t WHERE id = old.id; END;
