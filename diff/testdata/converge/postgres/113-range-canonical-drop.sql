-- A range type with a canonical function is dropped with it in one item:
-- each depends on the other, so neither DROP TYPE nor DROP FUNCTION alone
-- succeeds (DROP TYPE … CASCADE, once the column using it is gone).
-- plan: column.drop range.drop
-- current
CREATE TYPE evenrange;
CREATE FUNCTION evenrange_canon(evenrange) RETURNS evenrange LANGUAGE internal IMMUTABLE STRICT AS 'int4range_canonical';
CREATE TYPE evenrange AS RANGE (subtype = int4, canonical = evenrange_canon);
CREATE TABLE t (id int PRIMARY KEY, span evenrange);
INSERT INTO t VALUES (1, '[1,3)');
-- desired
CREATE TABLE t (id int PRIMARY KEY);
