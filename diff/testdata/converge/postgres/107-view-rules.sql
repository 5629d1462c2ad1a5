-- Rules on views (not their _RETURN rule) are read, compared and synced:
-- a rule added to a kept view, one changed and one dropped; a new view
-- created with its rule; and a view recreated because a column under it
-- changes type gets its rule back (DROP VIEW takes it).
-- plan: column.alter rule.create rule.create rule.create rule.drop rule.replace view.create view.create view.drop
-- current
CREATE TABLE item (id int PRIMARY KEY, name text);
CREATE TABLE log (id bigint, what text);
CREATE VIEW item_v AS SELECT id, name FROM item;
CREATE VIEW log_v AS SELECT id, what FROM log;
CREATE RULE log_v_ins AS ON INSERT TO log_v DO INSTEAD INSERT INTO log VALUES (new.id, new.what);
CREATE RULE item_v_del AS ON DELETE TO item_v DO INSTEAD DELETE FROM item WHERE id = old.id;
CREATE RULE item_v_gone AS ON UPDATE TO item_v DO INSTEAD NOTHING;
INSERT INTO item VALUES (1, 'a');
INSERT INTO log VALUES (1, 'x');
-- desired
CREATE TABLE item (id int PRIMARY KEY, name text);
CREATE TABLE log (id int, what text);
CREATE VIEW item_v AS SELECT id, name FROM item;
CREATE VIEW log_v AS SELECT id, what FROM log;
CREATE VIEW item_names AS SELECT name FROM item;
CREATE RULE log_v_ins AS ON INSERT TO log_v DO INSTEAD INSERT INTO log VALUES (new.id, new.what);
CREATE RULE item_v_del AS ON DELETE TO item_v DO INSTEAD DELETE FROM item WHERE id = old.id AND old.id > 0;
CREATE RULE item_v_ins AS ON INSERT TO item_v DO INSTEAD INSERT INTO item VALUES (new.id, new.name);
CREATE RULE item_names_ins AS ON INSERT TO item_names DO INSTEAD NOTHING;
