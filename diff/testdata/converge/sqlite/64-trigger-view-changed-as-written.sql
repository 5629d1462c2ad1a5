-- A trigger and a view change; both are created from their text as
-- written (comments, spacing and case kept), and the INSTEAD OF trigger
-- on the view comes back after the view.
-- plan: trigger.drop trigger.create view.drop view.create trigger.drop trigger.create
-- current
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, seen INTEGER DEFAULT 0);
CREATE TABLE log (msg TEXT);
CREATE VIEW tv AS SELECT id, v FROM t;
CREATE TRIGGER tv_ins INSTEAD OF INSERT ON tv BEGIN INSERT INTO t (id, v) VALUES (new.id, new.v); END;
CREATE TRIGGER t_upd AFTER UPDATE ON t BEGIN INSERT INTO log VALUES ('u'); END;
INSERT INTO t (id, v) VALUES (1, 'a');

-- desired
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, seen INTEGER DEFAULT 0);
CREATE TABLE log (msg TEXT);
CREATE VIEW tv AS
  -- only rows with a value
  SELECT id, v
    FROM t
   WHERE v IS NOT NULL;
CREATE TRIGGER tv_ins INSTEAD OF INSERT ON tv
BEGIN
  INSERT INTO t (id, v) VALUES (new.id, upper(new.v)); -- stored upper case
END;
CREATE TRIGGER t_upd AFTER UPDATE OF v ON t WHEN old.v IS NOT new.v
BEGIN
  INSERT INTO log VALUES ('v: ' || old.v || ' -> ' || new.v);
END;
