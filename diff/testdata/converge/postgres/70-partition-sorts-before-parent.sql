-- A new partitioned table whose partition's name sorts before the parent's.
-- current
CREATE TABLE keep (id integer);
INSERT INTO keep VALUES (1);
-- desired
CREATE TABLE keep (id integer);
CREATE TABLE zlog (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE a_zlog_2024 PARTITION OF zlog FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
