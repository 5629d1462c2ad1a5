-- Triggers added, removed and changed (the function exists on both sides).
-- current
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE TABLE docs (id integer PRIMARY KEY, body text, updated timestamptz);
CREATE TRIGGER docs_old BEFORE DELETE ON docs FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER docs_touch BEFORE INSERT ON docs FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO docs VALUES (1, 'x', '2024-01-01 00:00+00');
-- desired
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE TABLE docs (id integer PRIMARY KEY, body text, updated timestamptz);
CREATE TRIGGER docs_touch BEFORE INSERT OR UPDATE OF body ON docs FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER "Docs ""Audit""" AFTER TRUNCATE ON docs FOR EACH STATEMENT EXECUTE FUNCTION touch();
