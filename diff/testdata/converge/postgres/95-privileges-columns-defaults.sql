-- Column privileges and default privileges, to built-in roles (the only
-- roles every server has): a column grant changed, one on a column the
-- plan adds, one gone with a dropped column, a grant option passed on and
-- taken back (CASCADE), database-wide and per-schema default privileges
-- set before the new table is created, so that it gets them (docs, made
-- after them in the desired database, has them as grants; the CASCADE's
-- other SELECT holders are granted again). Rows kept.
-- plan: column.add column.drop default_privilege.grant default_privilege.grant default_privilege.revoke grant.add grant.add grant.add grant.add grant.add grant.add grant.add grant.revoke grant.revoke table.create
-- current
CREATE TABLE docs (id int PRIMARY KEY, title text, body text, old text);
GRANT SELECT (title, body) ON docs TO pg_monitor;
GRANT SELECT (old) ON docs TO pg_read_all_stats;
GRANT SELECT ON docs TO pg_read_all_data WITH GRANT OPTION;
SET ROLE pg_read_all_data;
GRANT SELECT ON docs TO pg_stat_scan_tables;
RESET ROLE;
INSERT INTO docs VALUES (1, 'a', 'b', 'c');
-- desired
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO pg_monitor;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT UPDATE ON TABLES TO pg_read_all_stats;
CREATE TABLE docs (id int PRIMARY KEY, title text, body text, summary text);
GRANT SELECT (title), UPDATE (summary) ON docs TO pg_monitor;
GRANT SELECT ON docs TO pg_read_all_data, pg_stat_scan_tables;
CREATE TABLE tags (id int);
