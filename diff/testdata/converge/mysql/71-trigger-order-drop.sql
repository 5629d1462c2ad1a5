-- A trigger only the target has is dropped; the one that followed it
-- keeps its place and is not recreated, so that a sync that skips the
-- drop (no --allow-destructive) settles too.
-- plan: trigger.drop
-- current
CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(50) NOT NULL DEFAULT '');
INSERT INTO t VALUES (1, 'x');
CREATE TRIGGER a_gone BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'a');
CREATE TRIGGER b_kept BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'b');

-- desired
CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(50) NOT NULL DEFAULT '');
CREATE TRIGGER b_kept BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'b');
