-- Partition edits as pg-schema-diff users make them: an index on the
-- parent (its partitions get theirs), an index local to one partition, a
-- partition added with rows routed, a partition's bound changed (detached
-- and attached again), a default partition added, a sub-partitioned one.
-- current
CREATE TABLE m (id int NOT NULL, at date NOT NULL, v text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2026-07-01');
CREATE INDEX m_2025_v ON m_2025 (v);
INSERT INTO m VALUES (1, '2025-02-01', 'a'), (2, '2026-03-01', 'b');
-- desired
CREATE TABLE m (id int NOT NULL, at date NOT NULL, v text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE m_2027 PARTITION OF m FOR VALUES FROM ('2027-01-01') TO ('2028-01-01') PARTITION BY HASH (id);
CREATE TABLE m_2027_a PARTITION OF m_2027 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE m_2027_b PARTITION OF m_2027 FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE m_other PARTITION OF m DEFAULT;
CREATE INDEX m_at_v ON m (at, v);
CREATE INDEX m_2026_v ON m_2026 (v);
