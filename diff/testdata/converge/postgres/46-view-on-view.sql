-- Views over views: the inner one changes, the outer one is new.
-- current
CREATE TABLE t (id integer PRIMARY KEY, v integer);
CREATE VIEW inner_v AS SELECT id, v FROM t;
CREATE VIEW outer_v AS SELECT id FROM inner_v WHERE v > 0;
INSERT INTO t VALUES (1, 1), (2, -1);
-- desired
CREATE TABLE t (id integer PRIMARY KEY, v integer);
CREATE VIEW inner_v AS SELECT id, v, v * 10 AS v10 FROM t;
CREATE VIEW outer_v AS SELECT id, v10 FROM inner_v WHERE v > 0;
CREATE VIEW top_v AS SELECT count(*) AS n FROM outer_v;
