-- A trigger is added and one changes; a function it calls changes body.
-- plan: trigger.drop routine.replace trigger.create trigger.create
-- current
CREATE TABLE t (id INT PRIMARY KEY, title VARCHAR(50), n INT);
CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(100));
INSERT INTO t VALUES (1, 'x', 1);
CREATE FUNCTION clean(s VARCHAR(50)) RETURNS VARCHAR(50) DETERMINISTIC RETURN TRIM(s);
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.title = clean(NEW.title);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, title VARCHAR(50), n INT);
CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(100));
CREATE FUNCTION clean(s VARCHAR(50)) RETURNS VARCHAR(50) DETERMINISTIC RETURN UPPER(TRIM(s));
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.title = clean(CONCAT(NEW.title, ''));
CREATE TRIGGER t_bu BEFORE UPDATE ON t FOR EACH ROW
BEGIN
  SET NEW.title = clean(NEW.title);
  INSERT INTO audit (msg) VALUES (CONCAT('update ', OLD.id));
END;
