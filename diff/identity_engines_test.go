package diff_test

import (
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestIdentityOneTriggerChanged: on every engine, a schema with the same
// trigger (by name where the engine allows, by shape where it does not) on
// several tables equals itself, and changing the trigger of one table is
// exactly one drop and one create, on that table.
func TestIdentityOneTriggerChanged(t *testing.T) {
	cases := []struct {
		name           string
		url            func(testing.TB) string
		tables         string
		triggers       []string // one per table; the second is the one changed
		changed        string
		table, trigger string
	}{
		{
			name: "postgres", url: drivertest.PostgresURL,
			tables: `CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_update := now(); RETURN NEW; END $$;
CREATE TABLE store (id integer PRIMARY KEY, last_update timestamptz, CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE film (id integer PRIMARY KEY, store_id integer REFERENCES store, last_update timestamptz, CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE actor (id integer PRIMARY KEY, store_id integer REFERENCES store, last_update timestamptz, CONSTRAINT positive_id CHECK (id > 0));`,
			triggers: []string{
				`CREATE TRIGGER last_updated BEFORE UPDATE ON store FOR EACH ROW EXECUTE FUNCTION last_updated()`,
				`CREATE TRIGGER last_updated BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION last_updated()`,
				`CREATE TRIGGER last_updated BEFORE UPDATE ON actor FOR EACH ROW EXECUTE FUNCTION last_updated()`,
			},
			changed: `CREATE TRIGGER last_updated BEFORE INSERT OR UPDATE ON film FOR EACH ROW EXECUTE FUNCTION last_updated()`,
			table:   "film", trigger: "last_updated",
		},
		{
			name: "mysql", url: drivertest.MySQLURL,
			tables: `CREATE TABLE store (id INT PRIMARY KEY, name VARCHAR(20), last_update TIMESTAMP NULL, KEY ix_name (name), CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE film (id INT PRIMARY KEY, name VARCHAR(20), last_update TIMESTAMP NULL, KEY ix_name (name), CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE actor (id INT PRIMARY KEY, name VARCHAR(20), last_update TIMESTAMP NULL, KEY ix_name (name), CONSTRAINT positive_id CHECK (id > 0));`,
			triggers: []string{
				`CREATE TRIGGER store_last_updated BEFORE UPDATE ON store FOR EACH ROW SET NEW.last_update = NOW()`,
				`CREATE TRIGGER film_last_updated BEFORE UPDATE ON film FOR EACH ROW SET NEW.last_update = NOW()`,
				`CREATE TRIGGER actor_last_updated BEFORE UPDATE ON actor FOR EACH ROW SET NEW.last_update = NOW()`,
			},
			changed: `CREATE TRIGGER film_last_updated BEFORE UPDATE ON film FOR EACH ROW SET NEW.last_update = CURRENT_TIMESTAMP(6)`,
			table:   "film", trigger: "film_last_updated",
		},
		{
			name: "sqlite", url: drivertest.SQLiteURL,
			tables: `CREATE TABLE store (id INTEGER PRIMARY KEY, last_update TEXT, CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE film (id INTEGER PRIMARY KEY, last_update TEXT, CONSTRAINT positive_id CHECK (id > 0));
CREATE TABLE actor (id INTEGER PRIMARY KEY, last_update TEXT, CONSTRAINT positive_id CHECK (id > 0));`,
			triggers: []string{
				`CREATE TRIGGER store_last_updated AFTER UPDATE ON store BEGIN UPDATE store SET last_update = 'x' WHERE id = new.id; END`,
				`CREATE TRIGGER film_last_updated AFTER UPDATE ON film BEGIN UPDATE film SET last_update = 'x' WHERE id = new.id; END`,
				`CREATE TRIGGER actor_last_updated AFTER UPDATE ON actor BEGIN UPDATE actor SET last_update = 'x' WHERE id = new.id; END`,
			},
			changed: `CREATE TRIGGER film_last_updated AFTER UPDATE ON film BEGIN UPDATE film SET last_update = 'y' WHERE id = new.id; END`,
			table:   "film", trigger: "film_last_updated",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a, b := open(t, c.url(t)), open(t, c.url(t))
			exec(t, a, c.tables)
			exec(t, b, c.tables)
			for i, tr := range c.triggers {
				exec(t, a, tr)
				if i == 1 {
					tr = c.changed
				}
				exec(t, b, tr)
			}
			r := renderer(t, a)
			x, y := snapshot(t, a), snapshot(t, b)
			if self, err := diff.Compare(x, x, diff.Options{Renderer: r}); err != nil || !self.Empty() {
				t.Fatalf("diff(X, X) is not empty (%v):\n%s", err, planText(self))
			}
			plan, err := diff.Compare(y, x, diff.Options{Renderer: r})
			if err != nil {
				t.Fatal(err)
			}
			want := []ddl.Kind{ddl.KindDropTrigger, ddl.KindCreateTrigger}
			if len(plan.Items) != len(want) || len(plan.Notes) != 0 {
				t.Fatalf("one trigger changed gives:\n%s", planText(plan))
			}
			for i, it := range plan.Items {
				if it.Kind != want[i] || it.Table != c.table || it.Object != c.trigger || it.Destructive {
					t.Errorf("item %d: %s on %s (object %s, destructive %v), want %s on %s", i, it.Kind, it.Table, it.Object, it.Destructive, want[i], c.table)
				}
			}
		})
	}
}
