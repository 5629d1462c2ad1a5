-- Identity and serial columns widened from integer to bigint.
-- current
CREATE TABLE a (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);
CREATE TABLE b (id serial PRIMARY KEY, v text);
INSERT INTO a (v) VALUES ('x'), ('y');
INSERT INTO b (v) VALUES ('z');
-- desired
CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);
CREATE SEQUENCE b_id_seq;
CREATE TABLE b (id bigint NOT NULL DEFAULT nextval('b_id_seq'::regclass) PRIMARY KEY, v text);
ALTER SEQUENCE b_id_seq OWNED BY b.id;
