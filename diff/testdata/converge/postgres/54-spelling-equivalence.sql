-- The same structure spelled differently on each side: nothing to do.
-- current
CREATE TABLE t (a int4, b varchar(10), c timestamptz DEFAULT now(), d bool DEFAULT true,
    e double precision, f decimal(5,1), g timestamp(3) without time zone, h int8 DEFAULT 1);
INSERT INTO t VALUES (1, 'x');
-- desired
CREATE TABLE t (a integer, b character varying(10), c timestamp with time zone DEFAULT CURRENT_TIMESTAMP, d boolean DEFAULT 't',
    e float8, f numeric(5,1), g timestamp(3), h bigint DEFAULT (1));
