-- Comments changed, added and removed on objects that stay (indexes of a
-- table and of a materialized view too): each is one
-- COMMENT ON statement (comment.set), never a drop and create.
-- plan: comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set comment.set
-- current
CREATE SCHEMA sales;
COMMENT ON SCHEMA sales IS 'Old sales';
CREATE TYPE mood AS ENUM ('sad', 'ok');
COMMENT ON TYPE mood IS 'Old mood';
CREATE SEQUENCE free_seq;
COMMENT ON SEQUENCE free_seq IS 'Old sequence';
CREATE TABLE parent (
    id integer PRIMARY KEY,
    code text CONSTRAINT parent_code_key UNIQUE,
    n integer CONSTRAINT n_positive CHECK (n > 0),
    during tsrange,
    CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)
);
COMMENT ON CONSTRAINT parent_pkey ON parent IS 'Old key';
COMMENT ON CONSTRAINT parent_code_key ON parent IS 'Old unique';
COMMENT ON CONSTRAINT n_positive ON parent IS 'Old check';
CREATE TABLE child (
    id serial PRIMARY KEY,
    parent_id integer CONSTRAINT child_parent_fk REFERENCES parent,
    m integer GENERATED ALWAYS AS IDENTITY
);
COMMENT ON CONSTRAINT child_parent_fk ON child IS 'Old parent';
COMMENT ON SEQUENCE child_id_seq IS 'Old serial';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER child_touch BEFORE UPDATE ON child FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON TRIGGER child_touch ON child IS 'Old trigger';
CREATE VIEW parent_codes AS SELECT id, code FROM parent;
COMMENT ON VIEW parent_codes IS 'Old view';
COMMENT ON COLUMN parent_codes.code IS 'Old code';
CREATE MATERIALIZED VIEW parent_counts AS SELECT count(*) AS n FROM parent;
CREATE INDEX parent_n_ix ON parent (n);
COMMENT ON INDEX parent_n_ix IS 'Old index';
CREATE INDEX parent_counts_ix ON parent_counts (n);
INSERT INTO parent (id, code, n) VALUES (1, 'a', 1);
-- desired
COMMENT ON SCHEMA public IS 'The public schema';
CREATE SCHEMA sales;
CREATE TYPE mood AS ENUM ('sad', 'ok');
COMMENT ON TYPE mood IS 'New mood';
CREATE SEQUENCE free_seq;
CREATE TABLE parent (
    id integer PRIMARY KEY,
    code text CONSTRAINT parent_code_key UNIQUE,
    n integer CONSTRAINT n_positive CHECK (n > 0),
    during tsrange,
    CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)
);
COMMENT ON CONSTRAINT parent_pkey ON parent IS 'New key';
COMMENT ON CONSTRAINT n_positive ON parent IS 'It''s positive';
COMMENT ON CONSTRAINT no_overlap ON parent IS 'No overlap';
CREATE TABLE child (
    id serial PRIMARY KEY,
    parent_id integer CONSTRAINT child_parent_fk REFERENCES parent,
    m integer GENERATED ALWAYS AS IDENTITY
);
COMMENT ON CONSTRAINT child_parent_fk ON child IS 'New parent';
COMMENT ON SEQUENCE child_id_seq IS 'New serial';
COMMENT ON SEQUENCE child_m_seq IS 'Identity sequence';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER child_touch BEFORE UPDATE ON child FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW parent_codes AS SELECT id, code FROM parent;
COMMENT ON VIEW parent_codes IS 'New view';
COMMENT ON COLUMN parent_codes.id IS 'An id';
CREATE MATERIALIZED VIEW parent_counts AS SELECT count(*) AS n FROM parent;
COMMENT ON MATERIALIZED VIEW parent_counts IS 'Counts';
CREATE INDEX parent_n_ix ON parent (n);
CREATE INDEX parent_counts_ix ON parent_counts (n);
COMMENT ON INDEX parent_counts_ix IS 'New matview index';
