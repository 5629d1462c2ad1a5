-- Partitioning is read, created and changed: a table gains partitions,
-- a RANGE table gains one, LIST COLUMNS and KEY with subpartitions clone,
-- a MariaDB history table partitions by SYSTEM_TIME, and one table loses
-- its partitioning. Rows are kept. (Partitions were
-- silently left out of every plan.)
-- plan: table.storage table.storage table.storage table.create table.create table.create
-- current
CREATE TABLE events (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at));
CREATE TABLE logs (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y)) PARTITION BY RANGE (y) (PARTITION p1 VALUES LESS THAN (2025), PARTITION p2 VALUES LESS THAN (2026));
CREATE TABLE flat (id int PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 3;
INSERT INTO events VALUES (1, '2025-03-01'), (2, '2026-05-01');
INSERT INTO logs VALUES (1, 2024), (2, 2025);
INSERT INTO flat VALUES (1), (2), (3);
-- desired
CREATE TABLE events (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at))
  PARTITION BY RANGE COLUMNS (at) (PARTITION p2025 VALUES LESS THAN ('2026-01-01') COMMENT = 'old', PARTITION pmax VALUES LESS THAN (MAXVALUE));
CREATE TABLE logs (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y)) PARTITION BY RANGE (y) (PARTITION p1 VALUES LESS THAN (2025), PARTITION p2 VALUES LESS THAN (2026), PARTITION p3 VALUES LESS THAN MAXVALUE);
CREATE TABLE flat (id int PRIMARY KEY);
CREATE TABLE regions (id int NOT NULL, code char(2) NOT NULL, PRIMARY KEY (id, code))
  PARTITION BY LIST COLUMNS (code) (PARTITION eu VALUES IN ('fr', 'de'), PARTITION us VALUES IN ('us'));
CREATE TABLE sub (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y))
  PARTITION BY RANGE (y) SUBPARTITION BY KEY (id) SUBPARTITIONS 2 (PARTITION a VALUES LESS THAN (2000), PARTITION b VALUES LESS THAN MAXVALUE);
CREATE TABLE hist (id int) WITH SYSTEM VERSIONING PARTITION BY SYSTEM_TIME LIMIT 1000 (PARTITION h HISTORY, PARTITION c CURRENT);
