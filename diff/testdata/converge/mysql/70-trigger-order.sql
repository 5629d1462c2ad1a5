-- Triggers of one table, timing and event fire in ACTION_ORDER, not by
-- name: new ones take their place with FOLLOWS, and those after a
-- recreated one are recreated after it, so the order converges.
-- plan: trigger.create trigger.create trigger.create trigger.create trigger.create trigger.create trigger.drop trigger.drop trigger.drop trigger.drop
-- current
CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(50) NOT NULL DEFAULT '');
INSERT INTO t VALUES (1, 'x');
CREATE TRIGGER m_one BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, '1');
CREATE TRIGGER a_three BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, '3');
CREATE TRIGGER u_first BEFORE UPDATE ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'u');
CREATE TRIGGER b_second BEFORE UPDATE ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'v');

-- desired
CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(50) NOT NULL DEFAULT '');
CREATE TRIGGER z_zero BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, '0');
CREATE TRIGGER m_one BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, '1');
CREATE TRIGGER c_two BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, '2');
CREATE TRIGGER a_three BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, '3');
CREATE TRIGGER u_first BEFORE UPDATE ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'U');
CREATE TRIGGER b_second BEFORE UPDATE ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'v');
