-- Table options beyond the engine are kept and changed in place:
-- ROW_FORMAT, KEY_BLOCK_SIZE and STATS_PERSISTENT set and set back, the
-- engine and the default collation changed (a column that keeps the old
-- collation says so). They were silently ignored.
-- plan: column.alter table.storage table.storage table.storage table.create
-- current
CREATE TABLE a (id int PRIMARY KEY, s varchar(10)) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 STATS_PERSISTENT=1;
CREATE TABLE b (id int PRIMARY KEY) ENGINE=MyISAM;
CREATE TABLE c (id int PRIMARY KEY, s varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
INSERT INTO a VALUES (1, 'x');
INSERT INTO b VALUES (1);
-- desired
CREATE TABLE a (id int PRIMARY KEY, s varchar(10)) ROW_FORMAT=DYNAMIC;
CREATE TABLE b (id int PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE c (id int PRIMARY KEY, s varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE d (id int PRIMARY KEY) STATS_SAMPLE_PAGES=20 MAX_ROWS=1000;
