-- Identifiers with quotes, semicolons, spaces, unicode, reserved words and mixed case.
-- current
CREATE SCHEMA "Sch;ema ""q""";
CREATE TABLE "Sch;ema ""q"""."select" ("from" integer PRIMARY KEY, "Mixed Case" text, "drop; table" text);
CREATE TABLE "Ünïcødé ταβλε" ("naïve" integer, "日本語" text);
INSERT INTO "Sch;ema ""q"""."select" VALUES (1, 'a', 'b');
INSERT INTO "Ünïcødé ταβλε" VALUES (1, 'x');
-- desired
CREATE SCHEMA "Sch;ema ""q""";
CREATE TABLE "Sch;ema ""q"""."select" (
    "from" bigint PRIMARY KEY,
    "Mixed Case" text NOT NULL DEFAULT 'it''s',
    "drop; table" varchar(40),
    "where" integer GENERATED ALWAYS AS IDENTITY,
    "a""b" text COLLATE "C",
    CONSTRAINT "check; me" CHECK ("from" > 0),
    CONSTRAINT "uniq ""u""" UNIQUE ("drop; table")
);
COMMENT ON TABLE "Sch;ema ""q"""."select" IS 'hostile; ''quoted'' "table"';
COMMENT ON COLUMN "Sch;ema ""q"""."select"."Mixed Case" IS 'ça marche';
CREATE INDEX "idx; ""x""" ON "Sch;ema ""q"""."select" (lower("Mixed Case"), "from" DESC) WHERE "drop; table" IS NOT NULL;
CREATE TABLE "Ünïcødé ταβλε" ("naïve" integer PRIMARY KEY, "日本語" text, "Order" integer REFERENCES "Sch;ema ""q"""."select" ("from"));
CREATE VIEW "Sch;ema ""q"""."view ""v""" AS SELECT "from", "Mixed Case" FROM "Sch;ema ""q"""."select";
CREATE TABLE "user" ("group" serial PRIMARY KEY, "ORDER" text);
