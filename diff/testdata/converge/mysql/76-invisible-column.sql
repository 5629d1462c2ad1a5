-- INVISIBLE columns (left out of SELECT * and of INSERT without a column
-- list) are kept on a clone and changed in place; they were silently made
-- visible, which breaks every INSERT that lists no columns.
-- plan: column.alter column.alter table.create
-- current
CREATE TABLE t (id int PRIMARY KEY, a int INVISIBLE, b int);
INSERT INTO t (id, a, b) VALUES (1, 2, 3);
-- desired
CREATE TABLE t (id int PRIMARY KEY, a int, b int INVISIBLE);
CREATE TABLE u (id int PRIMARY KEY, secret varchar(10) INVISIBLE DEFAULT 'x', g int AS (id * 2) VIRTUAL INVISIBLE);
