-- Storage parameters and persistence change in place, keeping the rows;
-- a view's CHECK OPTION and security options, and a materialized view's
-- parameters, are kept (they were silently dropped).
-- plan: table.storage table.storage view.drop view.create view.drop view.create index.create
-- current
CREATE TABLE items (id int PRIMARY KEY, qty int) WITH (fillfactor = 70, autovacuum_enabled = off);
CREATE UNLOGGED TABLE scratch (k text PRIMARY KEY);
CREATE VIEW positive AS SELECT id, qty FROM items WHERE qty > 0;
CREATE MATERIALIZED VIEW totals AS SELECT sum(qty) AS n FROM items;
CREATE UNIQUE INDEX totals_n ON totals (n);
INSERT INTO items VALUES (1, 5), (2, 7);
INSERT INTO scratch VALUES ('a');
-- desired
CREATE TABLE items (id int PRIMARY KEY, qty int) WITH (fillfactor = 80, toast_tuple_target = 4000);
CREATE TABLE scratch (k text PRIMARY KEY);
CREATE VIEW positive WITH (security_barrier, security_invoker = on) AS SELECT id, qty FROM items WHERE qty > 0 WITH CASCADED CHECK OPTION;
CREATE MATERIALIZED VIEW totals WITH (fillfactor = 60) AS SELECT sum(qty) AS n FROM items;
CREATE UNIQUE INDEX totals_n ON totals (n);
