-- A new range-partitioned table with partitions (including a default one) and an index on the parent.
-- current
CREATE TABLE other (id integer PRIMARY KEY);
INSERT INTO other VALUES (1);
-- desired
CREATE TABLE other (id integer PRIMARY KEY);
CREATE TABLE measurements (id bigint NOT NULL, taken date NOT NULL, value numeric, PRIMARY KEY (id, taken)) PARTITION BY RANGE (taken);
CREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_rest PARTITION OF measurements DEFAULT;
CREATE INDEX measurements_value_idx ON measurements (value);
