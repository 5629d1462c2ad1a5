-- Quotes, semicolons, spaces, dashes and brackets in every kind of name, through a rebuild.
-- current
CREATE TABLE "we""ird;table" ("select" INTEGER PRIMARY KEY, "semi;colon" TEXT, "back`tick" REAL, "[br]" TEXT, "drop me; --" TEXT);
CREATE INDEX "ix ""q"" ;" ON "we""ird;table" ("semi;colon");
CREATE VIEW "v;1" AS SELECT "select", "semi;colon" FROM "we""ird;table";
INSERT INTO "we""ird;table" VALUES (1, 'a;b', 1.5, 'x', 'y'), (2, '''quoted''', NULL, NULL, NULL);

-- desired
CREATE TABLE "we""ird;table" ("select" INTEGER PRIMARY KEY, "semi;colon" TEXT NOT NULL, "back`tick" REAL CHECK ("back`tick" > 0),
    "[br]" TEXT, "new ""col""" TEXT DEFAULT 'it''s', CONSTRAINT "uq;""x""" UNIQUE ("[br]"));
CREATE INDEX "ix ""q"" ;" ON "we""ird;table" ("semi;colon" DESC, "back`tick");
CREATE VIEW "v;1" AS SELECT "select", "semi;colon" FROM "we""ird;table";
CREATE TABLE "child ""of"" weird" ("id;" INTEGER PRIMARY KEY, "ref""" INTEGER REFERENCES "we""ird;table" ("select") ON DELETE CASCADE);
CREATE TRIGGER "tr;""x""" AFTER INSERT ON "we""ird;table" BEGIN DELETE FROM "child ""of"" weird" WHERE "ref""" = new."select"; END;
