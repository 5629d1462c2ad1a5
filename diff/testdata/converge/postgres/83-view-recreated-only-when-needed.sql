-- Only the view that reads a column whose type changes is recreated; a view
-- over other columns of the same table, and changes that do not bother
-- views (a default, NOT NULL), leave views alone.
-- plan: column.alter column.alter view.drop view.create
-- current
CREATE TABLE accounts (id int PRIMARY KEY, name text, balance int, note text);
CREATE VIEW account_names AS SELECT id, name FROM accounts;
CREATE VIEW account_balances AS SELECT id, balance FROM accounts;
INSERT INTO accounts VALUES (1, 'a', 10, 'n');
-- desired
CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL DEFAULT '', balance bigint, note text);
CREATE VIEW account_names AS SELECT id, name FROM accounts;
CREATE VIEW account_balances AS SELECT id, balance FROM accounts;
