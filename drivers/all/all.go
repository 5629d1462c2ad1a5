// Package all imports every built-in driver for its registration side
// effect. Binaries import it once; libraries import only what they need.
package all

import (
	_ "github.com/dbls/dbls/drivers/mysql"    // registers "mysql" (alias "mariadb")
	_ "github.com/dbls/dbls/drivers/postgres" // registers "postgres" (aliases "postgresql", "pg")
	_ "github.com/dbls/dbls/drivers/sqlite"   // registers "sqlite"
)
