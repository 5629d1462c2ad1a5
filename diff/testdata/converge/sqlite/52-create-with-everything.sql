-- New tables that use every feature the renderer writes.
-- current
CREATE TABLE existing (id INTEGER PRIMARY KEY);
INSERT INTO existing VALUES (1), (2);

-- desired
CREATE TABLE existing (id INTEGER PRIMARY KEY);
CREATE TABLE full (
    id INTEGER CONSTRAINT full_pk PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE CONSTRAINT name_len CHECK (length(name) <= 40),
    qty INT NOT NULL DEFAULT 0,
    price NUMERIC(8, 2) DEFAULT 1.50,
    flag BOOLEAN DEFAULT FALSE,
    at DATETIME DEFAULT CURRENT_TIMESTAMP,
    blob BLOB DEFAULT x'00ff',
    neg INT DEFAULT -1,
    expr TEXT DEFAULT (lower('ABC')),
    twice INT GENERATED ALWAYS AS (qty * 2) STORED,
    label TEXT AS (name || ':' || qty) VIRTUAL,
    existing_id INTEGER REFERENCES existing (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (name, qty),
    CONSTRAINT qty_range CHECK (qty BETWEEN 0 AND 100)
);
CREATE TABLE wr (a TEXT NOT NULL, b INT NOT NULL, c ANY, PRIMARY KEY (a, b)) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX full_label ON full (label COLLATE NOCASE DESC) WHERE qty > 0;
CREATE INDEX wr_expr ON wr (b + 1, substr(a, 1, 2));
CREATE VIEW full_view AS SELECT f.name, w.c FROM full f LEFT JOIN wr w ON w.a = f.name;
CREATE TRIGGER full_ins AFTER INSERT ON full BEGIN INSERT INTO wr (a, b) VALUES (new.name, new.qty); END;
