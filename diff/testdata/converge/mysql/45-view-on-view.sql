-- current
CREATE TABLE t (id INT PRIMARY KEY, a INT);
INSERT INTO t VALUES (1, 1);
CREATE VIEW base_v AS SELECT id FROM t;
CREATE VIEW top_v AS SELECT id FROM base_v;

-- desired
CREATE TABLE t (id INT PRIMARY KEY, a INT);
CREATE VIEW base_v AS SELECT id, a FROM t;
CREATE VIEW top_v AS SELECT id, a FROM base_v WHERE a IS NOT NULL;
CREATE VIEW zz_top AS SELECT count(*) AS n FROM top_v;
CREATE VIEW aa_top AS SELECT a FROM zz_top JOIN top_v ON top_v.a = zz_top.n;
