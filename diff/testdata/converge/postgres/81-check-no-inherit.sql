-- NO INHERIT on a check constraint.
-- plan: check.drop check.add
-- current
CREATE TABLE parts (id int PRIMARY KEY, qty int CONSTRAINT parts_qty_check CHECK (qty >= 0));
INSERT INTO parts VALUES (1, 3);
-- desired
CREATE TABLE parts (id int PRIMARY KEY, qty int CONSTRAINT parts_qty_check CHECK (qty >= 0) NO INHERIT);
