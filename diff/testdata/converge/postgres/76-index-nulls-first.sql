-- NULLS FIRST / NULLS LAST ordering is part of an index.
-- plan: index.drop index.create
-- current
CREATE TABLE tasks (id int PRIMARY KEY, due date);
CREATE INDEX tasks_due_idx ON tasks (due DESC);
INSERT INTO tasks VALUES (1, NULL), (2, '2024-01-01');
-- desired
CREATE TABLE tasks (id int PRIMARY KEY, due date);
CREATE INDEX tasks_due_idx ON tasks (due DESC NULLS LAST);
