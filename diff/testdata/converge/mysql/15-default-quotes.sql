-- current
CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(40) DEFAULT 'plain', b VARCHAR(40));
INSERT INTO t VALUES (1, 'x', 'y');

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(40) DEFAULT 'it''s; "quoted" `x`', b VARCHAR(40) DEFAULT 'back\\slash -- not a comment');
