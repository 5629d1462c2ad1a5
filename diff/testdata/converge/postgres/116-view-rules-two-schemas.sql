-- A view recreated because a column under it changes type gets back its
-- own rules, not those of a view of the same name in another schema.
-- plan: column.alter view.drop view.create rule.create
-- current
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.t (id bigint, v text);
CREATE TABLE b.t (id int, v text);
CREATE VIEW a.v AS SELECT id, v FROM a.t;
CREATE VIEW b.v AS SELECT id, v FROM b.t;
CREATE RULE r_a AS ON INSERT TO a.v DO INSTEAD INSERT INTO a.t VALUES (new.id, new.v);
CREATE RULE r_b AS ON DELETE TO b.v DO INSTEAD NOTHING;
INSERT INTO a.t VALUES (1, 'x');
-- desired
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.t (id int, v text);
CREATE TABLE b.t (id int, v text);
CREATE VIEW a.v AS SELECT id, v FROM a.t;
CREATE VIEW b.v AS SELECT id, v FROM b.t;
CREATE RULE r_a AS ON INSERT TO a.v DO INSTEAD INSERT INTO a.t VALUES (new.id, new.v);
CREATE RULE r_b AS ON DELETE TO b.v DO INSTEAD NOTHING;
