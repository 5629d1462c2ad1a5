-- Everything of the catalog removed: tables, a view, triggers, the trigger
-- function, a function used by a default, an enum, a domain, sequences.
-- current
CREATE TYPE state AS ENUM ('new', 'done');
CREATE DOMAIN label AS text CHECK (VALUE <> '');
CREATE SEQUENCE job_seq;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE FUNCTION pick() RETURNS integer LANGUAGE sql AS $$ SELECT 7 $$;
CREATE TABLE job (id integer PRIMARY KEY DEFAULT nextval('job_seq'), s state, l label, p integer DEFAULT pick());
CREATE TRIGGER job_touch BEFORE UPDATE ON job FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW open_jobs AS SELECT id FROM job WHERE s = 'new';
CREATE TABLE keep (id integer PRIMARY KEY, p integer DEFAULT pick());
INSERT INTO keep VALUES (1, 2);
-- desired
CREATE TABLE keep (id integer PRIMARY KEY, p integer);
