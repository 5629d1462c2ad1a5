-- A partitioned table and its partitions are dropped, including partitions whose names sort before the parent's.
-- current
CREATE TABLE zlog (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE a_zlog_2024 PARTITION OF zlog FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE zlog_2025 PARTITION OF zlog FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE keep (id integer);
INSERT INTO zlog VALUES (1, '2024-05-05'), (2, '2025-05-05');
INSERT INTO keep VALUES (1);
-- desired
CREATE TABLE keep (id integer);
