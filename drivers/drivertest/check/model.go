package check

import "strings"

// The logical rental schema that every fixture (drivertest/fixtures/rental.*.sql)
// must build, whatever its dialect. The kit checks a driver's snapshot
// against this model, so the model names only what every engine can say:
// names, order, nullability, keys, constraints — not type spellings.

type tableSpec struct {
	name    string
	columns []string // in declaration order
	notNull []string
	pk      []string
	fks     []fkSpec
	uniques [][]string // as a unique constraint or a unique index
	checks  int
	indexes []string
	comment bool // has a table comment (where the engine has comments)
}

type fkSpec struct {
	columns    []string
	refTable   string
	refColumns []string
	onDelete   string // "" means the engine's default (NO ACTION or RESTRICT)
}

// hostileTable has a double quote, a semicolon, a space-free unicode name,
// and reserved-word and spaced column names.
const hostileTable = `we"ird; tablé`

var rentalModel = []tableSpec{
	{name: "country", columns: cols("country_id name"), notNull: cols("country_id name"), pk: cols("country_id"),
		uniques: [][]string{cols("name")}, comment: true},
	{name: "city", columns: cols("city_id country_id name"), pk: cols("city_id"),
		fks: []fkSpec{{cols("country_id"), "country", cols("country_id"), ""}}},
	{name: "address", columns: cols("address_id city_id line1 postal_code"), pk: cols("address_id"),
		fks: []fkSpec{{cols("city_id"), "city", cols("city_id"), ""}}},
	{name: "store", columns: cols("store_id address_id name"), pk: cols("store_id"),
		fks: []fkSpec{{cols("address_id"), "address", cols("address_id"), ""}}},
	{name: "staff", columns: cols("staff_id store_id reports_to email full_name"), pk: cols("staff_id"),
		fks: []fkSpec{{cols("store_id"), "store", cols("store_id"), ""},
			{cols("reports_to"), "staff", cols("staff_id"), "SET NULL"}},
		uniques: [][]string{cols("email")}},
	{name: "customer", columns: cols("customer_id store_id email first_name last_name active created_at updated_at"),
		notNull: cols("customer_id store_id email first_name last_name active created_at"), pk: cols("customer_id"),
		fks: []fkSpec{{cols("store_id"), "store", cols("store_id"), ""}}, uniques: [][]string{cols("email")}, comment: true},
	{name: "category", columns: cols("category_id parent_id name"), pk: cols("category_id"),
		fks: []fkSpec{{cols("parent_id"), "category", cols("category_id"), ""}}, uniques: [][]string{cols("name")}},
	{name: "item", columns: cols("item_id category_id title daily_rate replacement_cost"), pk: cols("item_id"),
		fks: []fkSpec{{cols("category_id"), "category", cols("category_id"), ""}}, checks: 1, indexes: cols("ix_item_title")},
	{name: "item_tag", columns: cols("item_id tag"), pk: cols("item_id tag"),
		fks: []fkSpec{{cols("item_id"), "item", cols("item_id"), "CASCADE"}}},
	{name: "inventory", columns: cols("inventory_id item_id store_id"), pk: cols("inventory_id"),
		fks:     []fkSpec{{cols("item_id"), "item", cols("item_id"), ""}, {cols("store_id"), "store", cols("store_id"), ""}},
		indexes: cols("ix_inventory_store_item")},
	{name: "rental", columns: cols("rental_id inventory_id customer_id staff_id rented_at returned_at"), pk: cols("rental_id"),
		notNull: cols("rental_id inventory_id customer_id staff_id rented_at"),
		fks: []fkSpec{{cols("inventory_id"), "inventory", cols("inventory_id"), ""},
			{cols("customer_id"), "customer", cols("customer_id"), ""}, {cols("staff_id"), "staff", cols("staff_id"), ""}},
		checks: 1},
	{name: "rental_line", columns: cols("rental_id line_no amount"), pk: cols("rental_id line_no"),
		fks: []fkSpec{{cols("rental_id"), "rental", cols("rental_id"), "CASCADE"}}},
	{name: "rental_line_note", columns: cols("note_id rental_id line_no note"), pk: cols("note_id"),
		fks: []fkSpec{{cols("rental_id line_no"), "rental_line", cols("rental_id line_no"), "CASCADE"}}},
	{name: "payment", columns: cols("payment_id rental_id customer_id amount paid_at"), pk: cols("payment_id"),
		fks: []fkSpec{{cols("rental_id"), "rental", cols("rental_id"), "SET NULL"},
			{cols("customer_id"), "customer", cols("customer_id"), ""}}, checks: 1},
	{name: "price_rule", columns: cols("store_id category_id valid_from factor"), pk: cols("store_id category_id valid_from"),
		fks: []fkSpec{{cols("store_id"), "store", cols("store_id"), ""}, {cols("category_id"), "category", cols("category_id"), ""}}},
	{name: hostileTable, columns: []string{"select", "Grüße", "a b"}, notNull: []string{"select", "Grüße"},
		pk: []string{"select", "Grüße"}},
}

const (
	modelView     = "customer_rentals"
	modelRoutine  = "rental_days"
	modelTrigger  = "trg_customer_updated"
	commentColumn = "first_name" // of customer
)

var modelViewColumns = cols("customer_id email rentals")

func cols(s string) []string { return strings.Fields(s) }

// readOnlyModel is what a read-only driver's database must already hold,
// since the kit cannot write it: the rental model's country table, with
// rows 1 to 25.
var readOnlyModel = []tableSpec{
	{name: "country", columns: cols("country_id name"), pk: cols("country_id")},
}
