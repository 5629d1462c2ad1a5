package explain

// PostgresTree is postgresTree for the tests.
var PostgresTree = postgresTree
