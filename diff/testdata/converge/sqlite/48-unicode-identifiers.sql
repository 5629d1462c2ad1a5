-- Unicode names in tables, columns, indexes and views.
-- current
CREATE TABLE "Ünïcødé" ("ключ" INTEGER PRIMARY KEY, "名前" TEXT, "Ä" TEXT);
INSERT INTO "Ünïcødé" VALUES (1, '一', 'upper'), (2, '二', 'UPPER');

-- desired
CREATE TABLE "Ünïcødé" ("ключ" INTEGER PRIMARY KEY, "名前" TEXT NOT NULL, "Ä" TEXT, "ö" TEXT DEFAULT 'lower', "😀" INT);
CREATE INDEX "índice" ON "Ünïcødé" ("名前");
CREATE VIEW "vüe" AS SELECT "名前" FROM "Ünïcødé";
