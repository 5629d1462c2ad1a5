-- Several schemas, with a foreign key across schemas and a view in one over a table in another.
-- current
CREATE SCHEMA sales;
CREATE SCHEMA hr;
CREATE TABLE hr.staff (id integer PRIMARY KEY, name text);
CREATE TABLE sales.deals (id integer PRIMARY KEY, amount numeric);
CREATE TABLE public.misc (id integer);
INSERT INTO hr.staff VALUES (1, 'Ada');
INSERT INTO sales.deals VALUES (1, 100);
-- desired
CREATE SCHEMA sales;
CREATE SCHEMA hr;
CREATE TABLE hr.staff (id integer PRIMARY KEY, name text, team text DEFAULT 'core');
CREATE TABLE sales.deals (id integer PRIMARY KEY, amount numeric, owner_id integer REFERENCES hr.staff (id));
CREATE TABLE sales.regions (code text PRIMARY KEY);
CREATE INDEX deals_owner_idx ON sales.deals (owner_id);
CREATE VIEW sales.deal_owners AS SELECT d.id, s.name FROM sales.deals d JOIN hr.staff s ON s.id = d.owner_id;
