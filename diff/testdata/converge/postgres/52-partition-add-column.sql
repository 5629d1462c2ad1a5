-- An existing list-partitioned table gains a partition and a column; its rows stay.
-- current
CREATE TABLE events (id integer NOT NULL, kind text NOT NULL, payload text) PARTITION BY LIST (kind);
CREATE TABLE events_click PARTITION OF events FOR VALUES IN ('click');
INSERT INTO events VALUES (1, 'click', 'a'), (2, 'click', 'b');
-- desired
CREATE TABLE events (id integer NOT NULL, kind text NOT NULL, payload text, at timestamptz) PARTITION BY LIST (kind);
CREATE TABLE events_click PARTITION OF events FOR VALUES IN ('click');
CREATE TABLE events_view PARTITION OF events FOR VALUES IN ('view', 'open');
