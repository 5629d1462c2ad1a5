package i18n

import "testing"

func TestT(t *testing.T) {
	Register(English, map[string]string{"test.greet": "hello %s", "test.only-en": "only English"})
	Register(SimplifiedChinese, map[string]string{"test.greet": "你好 %s"})
	cases := []struct{ lang, key, want string }{
		{"en", "test.greet", "hello a"},
		{"zh-CN", "test.greet", "你好 a"},
		{"zh_CN.UTF-8", "test.greet", "你好 a"},
		{"zh-TW", "test.greet", "hello a"},
		{"zh-CN", "test.only-en", "only English"},
		{"en", "test.missing", "test.missing"},
	}
	for _, c := range cases {
		var got string
		if c.key == "test.greet" {
			got = T(c.lang, c.key, "a")
		} else {
			got = T(c.lang, c.key)
		}
		if got != c.want {
			t.Errorf("T(%q, %q) = %q, want %q", c.lang, c.key, got, c.want)
		}
	}
}

func TestRegisterTwicePanics(t *testing.T) {
	Register(English, map[string]string{"test.dup": "x"})
	defer func() {
		if recover() == nil {
			t.Error("registering a key twice did not panic")
		}
	}()
	Register(English, map[string]string{"test.dup": "y"})
}

func TestN(t *testing.T) {
	Register(English, map[string]string{"test.rows": "%d rows", "test.rows.one": "%d row", "test.enonly": "%d items", "test.enonly.one": "%d item"})
	Register(SimplifiedChinese, map[string]string{"test.rows": "%d 行"})
	cases := []struct {
		lang, key string
		n         int
		want      string
	}{
		{"en", "test.rows", 1, "1 row"},
		{"en", "test.rows", 0, "0 rows"},
		{"en", "test.rows", 2, "2 rows"},
		{"zh-CN", "test.rows", 1, "1 行"}, // no singular in Chinese: not the English one
		{"zh-CN", "test.enonly", 1, "1 item"},
		{"zh-CN", "test.enonly", 3, "3 items"},
	}
	for _, c := range cases {
		if got := N(c.lang, c.key, c.n, c.n); got != c.want {
			t.Errorf("N(%q, %q, %d) = %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
}
