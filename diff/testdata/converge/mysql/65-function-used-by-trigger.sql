-- A function and the trigger that calls it are added; another function
-- calls the first (created after it), and its parameter type changes.
-- plan: routine.replace routine.create trigger.create
-- current
CREATE TABLE t (id INT PRIMARY KEY, price DECIMAL(8,2), gross DECIMAL(8,2));
INSERT INTO t VALUES (1, 10.00, NULL);
CREATE FUNCTION label(p INT) RETURNS VARCHAR(20) DETERMINISTIC RETURN CONCAT('#', p);

-- desired
CREATE TABLE t (id INT PRIMARY KEY, price DECIMAL(8,2), gross DECIMAL(8,2));
CREATE FUNCTION with_tax(p DECIMAL(8,2)) RETURNS DECIMAL(8,2) DETERMINISTIC NO SQL RETURN ROUND(p * 1.2, 2);
CREATE FUNCTION label(p BIGINT) RETURNS VARCHAR(40) DETERMINISTIC RETURN CONCAT('#', p, ' ', with_tax(1));
CREATE TRIGGER t_gross BEFORE INSERT ON t FOR EACH ROW SET NEW.gross = with_tax(NEW.price);
