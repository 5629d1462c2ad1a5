-- Table inheritance (INHERITS, not partitions): children are created with
-- INHERITS and without what they inherit; a column added to, retyped on
-- and dropped from a parent reaches the children with it (writing it again
-- on a child fails); a check on the parent likewise; a table gains a
-- parent and another loses one. Rows are kept.
-- plan: check.add column.add column.add column.add column.alter column.alter column.alter column.alter column.drop column.drop column.drop table.create table.create table.inherit table.inherit
-- current
CREATE TABLE base (id int PRIMARY KEY, note varchar(10), old int);
CREATE TABLE child (extra int) INHERITS (base);
CREATE TABLE loner (id int, note varchar(10), old int, mine int);
CREATE TABLE other_base (tag text);
CREATE TABLE leaving (tag text, own int) INHERITS (other_base);
INSERT INTO base VALUES (1, 'a', 0);
INSERT INTO child VALUES (2, 'b', 0, 9);
INSERT INTO loner VALUES (3, 'c', 0, 1);
INSERT INTO leaving VALUES ('t', 1);
-- desired
CREATE TABLE base (id int PRIMARY KEY, note text, added int DEFAULT 7, CONSTRAINT note_set CHECK (note IS NOT NULL));
CREATE TABLE child (extra int) INHERITS (base);
CREATE TABLE loner (mine int) INHERITS (base);
CREATE TABLE other_base (tag text);
CREATE TABLE leaving (tag text, own int);
CREATE TABLE grandchild (deep int, note text DEFAULT 'gc') INHERITS (child);
CREATE TABLE two_parents (x int) INHERITS (base, other_base);
