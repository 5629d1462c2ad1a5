-- Unique and partial indexes, and a partial predicate that changes.
-- current
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, deleted INT NOT NULL DEFAULT 0);
CREATE INDEX users_live ON users (email) WHERE deleted = 0;
INSERT INTO users VALUES (1, 'a@x', 0), (2, 'a@x', 1), (3, 'b@x', 0);

-- desired
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, deleted INT NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted = 0;
CREATE INDEX users_live ON users (email) WHERE deleted = 0 AND email IS NOT NULL;
