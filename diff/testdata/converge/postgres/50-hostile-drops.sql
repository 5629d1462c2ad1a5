-- Hostile names on the dropping side: table, column, index, constraint, view.
-- current
CREATE SCHEMA "x""; DROP SCHEMA public; --";
CREATE TABLE "x""; DROP SCHEMA public; --"."T;1" ("c""1" integer PRIMARY KEY, "c;2" text CONSTRAINT "k;k" UNIQUE, "Ā" integer CONSTRAINT "ch""k" CHECK ("Ā" > 0));
CREATE INDEX "i;""1" ON "x""; DROP SCHEMA public; --"."T;1" ("c;2" DESC);
CREATE VIEW "x""; DROP SCHEMA public; --"."V;1" AS SELECT "c""1" FROM "x""; DROP SCHEMA public; --"."T;1";
CREATE TABLE "x""; DROP SCHEMA public; --"."gone""" (id integer);
INSERT INTO "x""; DROP SCHEMA public; --"."T;1" VALUES (1, 'a', 1);
-- desired
CREATE SCHEMA "x""; DROP SCHEMA public; --";
CREATE TABLE "x""; DROP SCHEMA public; --"."T;1" ("c""1" integer PRIMARY KEY);
