-- Views are created in the order the catalog records (pg_depend), not by
-- names found in their text: v_a only says 'v_b' in a string, and v_b reads
-- v_a, so v_a must come first (name matching saw a cycle and could pick
-- v_b first, which fails).
-- current
CREATE TABLE t (id int PRIMARY KEY);
INSERT INTO t VALUES (1);
-- desired
CREATE TABLE t (id int PRIMARY KEY);
CREATE VIEW v_a AS SELECT id, 'v_b' AS label FROM t;
CREATE VIEW v_b AS SELECT id FROM v_a;
