-- Comments on domain check constraints (COMMENT ON CONSTRAINT … ON DOMAIN):
-- set, changed and removed in place on checks that stay; carried by a
-- check added again with a new expression and by a new domain's check.
-- plan: comment.set comment.set comment.set domain.alter domain.create
-- current
CREATE DOMAIN qty AS int CONSTRAINT qty_pos CHECK (VALUE > 0) CONSTRAINT qty_max CHECK (VALUE < 1000) CONSTRAINT qty_even CHECK (VALUE % 2 = 0);
CREATE DOMAIN code AS text CONSTRAINT code_len CHECK (length(VALUE) > 1);
COMMENT ON CONSTRAINT qty_max ON DOMAIN qty IS 'old max';
COMMENT ON CONSTRAINT qty_even ON DOMAIN qty IS 'to remove';
CREATE TABLE stock (id int PRIMARY KEY, n qty, c code);
INSERT INTO stock VALUES (1, 4, 'ab');
-- desired
CREATE DOMAIN qty AS int CONSTRAINT qty_pos CHECK (VALUE > 0) CONSTRAINT qty_max CHECK (VALUE < 1000) CONSTRAINT qty_even CHECK (VALUE % 2 = 0);
CREATE DOMAIN code AS text CONSTRAINT code_len CHECK (length(VALUE) > 0);
CREATE DOMAIN label AS text CONSTRAINT label_short CHECK (length(VALUE) < 50);
COMMENT ON CONSTRAINT qty_pos ON DOMAIN qty IS 'positive';
COMMENT ON CONSTRAINT qty_max ON DOMAIN qty IS 'new max';
COMMENT ON CONSTRAINT code_len ON DOMAIN code IS 'not empty';
COMMENT ON CONSTRAINT label_short ON DOMAIN label IS 'short';
CREATE TABLE stock (id int PRIMARY KEY, n qty, c code);
