-- current
CREATE TABLE t (id INT PRIMARY KEY, email VARCHAR(200), code VARCHAR(20));
INSERT INTO t VALUES (1, 'a@example.com', 'x'), (2, 'b@example.com', 'y');

-- desired
CREATE TABLE t (id INT PRIMARY KEY, email VARCHAR(200), code VARCHAR(20),
  UNIQUE KEY ux_email (email(100)), UNIQUE KEY ux_code_desc (code DESC));
