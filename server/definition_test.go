package server

import "testing"

// A generated definition file names its connection only in a form that
// holds no secret.
func TestBindingArg(t *testing.T) {
	cases := []struct {
		src  source
		want string
	}{
		{source{Arg: "shop", Key: "sqlite:/x/shop.db"}, "shop"},
		{source{Arg: "snapshot:big.json", Key: "snapshot:/w/big.json", File: "/w/big.json"}, "snapshot:big.json"},
		{source{Arg: "postgres://app@db:5432/shop", Key: "postgres://app@db:5432/shop"}, "postgres://app@db:5432/shop"},
		{source{Arg: "postgres://app:s3cret@db:5432/shop", Key: "postgres://app@db:5432/shop"}, ""},
		{source{Arg: "mysql://root:pw@h/db?tls=true", Key: "mysql://root@h:3306/db?tls=true"}, ""},
		{source{Arg: "my conn", Key: "x"}, ""},
	}
	for _, c := range cases {
		if got := bindingArg(c.src); got != c.want {
			t.Errorf("%q: %q, want %q", c.src.Arg, got, c.want)
		}
	}
}
