-- Columns of a partitioned table change type, default and nullability; the partitions follow.
-- current
CREATE TABLE metrics (id integer NOT NULL, at date NOT NULL, value integer, unit text) PARTITION BY RANGE (at);
CREATE TABLE metrics_2024 PARTITION OF metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE metrics_2025 PARTITION OF metrics FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO metrics VALUES (1, '2024-03-01', 5, 'kg'), (2, '2025-03-01', 6, 'kg');
-- desired
CREATE TABLE metrics (id integer NOT NULL, at date NOT NULL, value bigint NOT NULL, unit text DEFAULT 'kg') PARTITION BY RANGE (at);
CREATE TABLE metrics_2024 PARTITION OF metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE metrics_2025 PARTITION OF metrics FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
COMMENT ON TABLE metrics_2025 IS 'this year';
