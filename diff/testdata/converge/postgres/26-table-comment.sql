-- Table comments added, changed and removed.
-- current
CREATE TABLE t1 (id integer);
CREATE TABLE t2 (id integer);
CREATE TABLE t3 (id integer);
COMMENT ON TABLE t2 IS 'before';
COMMENT ON TABLE t3 IS 'to remove';
INSERT INTO t1 VALUES (1);
-- desired
CREATE TABLE t1 (id integer);
CREATE TABLE t2 (id integer);
CREATE TABLE t3 (id integer);
COMMENT ON TABLE t1 IS 'added; with ''quotes''';
COMMENT ON TABLE t2 IS 'after';
