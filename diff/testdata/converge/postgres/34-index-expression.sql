-- Expression indexes: lower(), a cast, and a mix of columns and expressions.
-- current
CREATE TABLE users (id integer PRIMARY KEY, email text, first text, last text, born timestamptz);
CREATE INDEX users_email_idx ON users (email);
INSERT INTO users VALUES (1, 'A@x.org', 'Ada', 'Lovelace', '1815-12-10 00:00+00');
-- desired
CREATE TABLE users (id integer PRIMARY KEY, email text, first text, last text, born timestamptz);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
CREATE INDEX users_name_idx ON users (last, (first || ' ' || last) DESC);
CREATE INDEX users_born_day_idx ON users ((born AT TIME ZONE 'UTC'));
