-- Tables and columns named after SQL keywords.
-- current
CREATE TABLE "order" ("group" INTEGER PRIMARY KEY, "select" TEXT, "from" TEXT, "where" INT);
CREATE TABLE "table" ("index" INTEGER PRIMARY KEY, "check" TEXT);
INSERT INTO "order" VALUES (1, 'a', 'b', 1), (2, 'c', 'd', 2);
INSERT INTO "table" VALUES (1, 'ok');

-- desired
CREATE TABLE "order" ("group" INTEGER PRIMARY KEY, "select" TEXT NOT NULL, "from" TEXT, "where" INT CHECK ("where" > 0),
    "default" TEXT DEFAULT 'default', "references" INTEGER REFERENCES "table" ("index"));
CREATE TABLE "table" ("index" INTEGER PRIMARY KEY, "check" TEXT);
CREATE INDEX "index" ON "order" ("from", "where");
CREATE VIEW "view" AS SELECT "group", "select" FROM "order";
CREATE TRIGGER "trigger" AFTER INSERT ON "table" BEGIN SELECT 1; END;
