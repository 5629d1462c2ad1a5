-- Comments on every kind of object, cloned into an empty database: each
-- object is created with its comment (a schema with nothing but a comment
-- is created for it; the sequences a serial or identity column creates get
-- theirs once the column exists).
-- current
SELECT 1;
-- desired
COMMENT ON SCHEMA public IS 'The public schema';
CREATE SCHEMA notes;
COMMENT ON SCHEMA notes IS 'Only a comment';
CREATE SCHEMA sales;
COMMENT ON SCHEMA sales IS 'Sales';
CREATE TABLE sales.orders (id integer CONSTRAINT orders_pk PRIMARY KEY);
COMMENT ON CONSTRAINT orders_pk ON sales.orders IS 'The order key';
CREATE TYPE mood AS ENUM ('sad', 'ok');
COMMENT ON TYPE mood IS 'How it feels';
CREATE SEQUENCE free_seq;
COMMENT ON SEQUENCE free_seq IS 'A free sequence';
CREATE TABLE parent (
    id integer PRIMARY KEY,
    code text CONSTRAINT parent_code_key UNIQUE,
    n integer CONSTRAINT n_positive CHECK (n > 0),
    during tsrange,
    CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)
);
COMMENT ON CONSTRAINT parent_pkey ON parent IS 'The key';
COMMENT ON CONSTRAINT parent_code_key ON parent IS 'Codes are unique';
COMMENT ON CONSTRAINT n_positive ON parent IS 'It''s positive';
COMMENT ON CONSTRAINT no_overlap ON parent IS 'No overlap';
CREATE TABLE child (
    id serial PRIMARY KEY,
    parent_id integer CONSTRAINT child_parent_fk REFERENCES parent,
    m integer GENERATED ALWAYS AS IDENTITY
);
COMMENT ON CONSTRAINT child_parent_fk ON child IS 'The parent';
COMMENT ON SEQUENCE child_id_seq IS 'Serial sequence';
COMMENT ON SEQUENCE child_m_seq IS 'Identity sequence';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER child_touch BEFORE UPDATE ON child FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON TRIGGER child_touch ON child IS 'Touches';
CREATE VIEW parent_codes AS SELECT id, code FROM parent;
COMMENT ON VIEW parent_codes IS 'Codes';
COMMENT ON COLUMN parent_codes.code IS 'A code';
CREATE MATERIALIZED VIEW parent_counts AS SELECT count(*) AS n FROM parent;
COMMENT ON MATERIALIZED VIEW parent_counts IS 'Counts';
COMMENT ON COLUMN parent_counts.n IS 'How many';
