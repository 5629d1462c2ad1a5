-- Collation set, changed and removed.
-- current
CREATE TABLE words (id integer PRIMARY KEY, a text, b varchar(20) COLLATE "C", c text COLLATE "POSIX");
INSERT INTO words VALUES (1, 'Zebra', 'apple', 'Mango');
-- desired
CREATE TABLE words (id integer PRIMARY KEY, a text COLLATE "C", b varchar(20) COLLATE "POSIX", c text);
