-- Columns added to a table holding rows: nullable, with a default, NOT NULL with a default.
-- current
CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO products VALUES (1, 'pen'), (2, 'ink');
-- desired
CREATE TABLE products (
    id integer PRIMARY KEY,
    name text NOT NULL,
    description text,
    stock integer NOT NULL DEFAULT 0,
    created_at timestamp with time zone DEFAULT now(),
    tags text[] DEFAULT '{}'::text[]
);
