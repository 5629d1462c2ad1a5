-- Check constraints added, removed and changed; column-level and table-level.
-- current
CREATE TABLE stock (id integer PRIMARY KEY, qty integer CHECK (qty >= 0), lo integer, hi integer, note text,
    CONSTRAINT stock_note_check CHECK (length(note) < 100));
INSERT INTO stock VALUES (1, 5, 1, 2, 'ok');
-- desired
CREATE TABLE stock (id integer PRIMARY KEY, qty integer CONSTRAINT stock_qty_check CHECK (qty >= 0 AND qty < 1000000), lo integer, hi integer, note text,
    CONSTRAINT stock_range_check CHECK (lo <= hi));
