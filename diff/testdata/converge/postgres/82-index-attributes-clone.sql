-- Every index and constraint attribute at once, cloned onto a table that
-- has none of them.
-- current
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE rooms (id int, name text, code text, during tstzrange, note text);
INSERT INTO rooms VALUES (1, 'Blue', 'B1', '[2024-01-01,2024-01-02)', NULL);
-- desired
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE rooms (id int, name text, code text, during tstzrange, note text,
	CONSTRAINT rooms_pkey PRIMARY KEY (id) INCLUDE (name) WITH (fillfactor = 80),
	CONSTRAINT rooms_code_key UNIQUE NULLS NOT DISTINCT (code) DEFERRABLE INITIALLY DEFERRED,
	CONSTRAINT rooms_name_check CHECK (name <> '') NO INHERIT,
	CONSTRAINT rooms_no_overlap EXCLUDE USING gist (id WITH =, during WITH &&) DEFERRABLE);
CREATE INDEX rooms_name_trgm ON rooms USING gin (name gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX rooms_name_c ON rooms (name COLLATE "C" DESC NULLS LAST) INCLUDE (code) WITH (fillfactor = 60) WHERE note IS NULL;
CREATE UNIQUE INDEX rooms_note_uq ON rooms (lower(note)) NULLS NOT DISTINCT;
