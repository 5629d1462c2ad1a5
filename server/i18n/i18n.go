// Package i18n holds the user-facing messages of dbls in English and
// Simplified Chinese. Each package registers its own phrases in init with
// Register; callers ask for one with T, naming the language the user chose
// (the editor's locale, --lang, or the environment).
//
// A phrase missing from a language falls back to English, and a key missing
// from English is shown as it is, so a forgotten translation never hides a
// message.
package i18n

import (
	"fmt"
	"os"
	"strings"
	"sync"
)

// Languages dbls speaks.
const (
	English           = "en"
	SimplifiedChinese = "zh-CN"
)

var (
	mu       sync.RWMutex
	catalogs = map[string]map[string]string{English: {}, SimplifiedChinese: {}}
)

// Language picks the language: lang when given ("en", "zh", "zh-CN",
// "zh_CN.UTF-8", "zh-Hans" …), else the environment's locale (LC_ALL,
// LC_MESSAGES, LANG), else English.
func Language(lang string) string {
	if lang == "" {
		for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if v := os.Getenv(k); v != "" {
				lang = v
				break
			}
		}
	}
	l := strings.ToLower(lang)
	if strings.HasPrefix(l, "zh") && !strings.Contains(l, "tw") && !strings.Contains(l, "hk") && !strings.Contains(l, "hant") {
		return SimplifiedChinese
	}
	return English
}

// Register adds phrases (key → fmt format) for a language. A key registered
// twice for one language panics: two packages would be fighting over it.
func Register(lang string, phrases map[string]string) {
	mu.Lock()
	defer mu.Unlock()
	c := catalogs[lang]
	if c == nil {
		c = map[string]string{}
		catalogs[lang] = c
	}
	for k, v := range phrases {
		if _, dup := c[k]; dup {
			panic(fmt.Sprintf("i18n: phrase %q registered twice for %s", k, lang))
		}
		c[k] = v
	}
}

// T formats the phrase key in lang (normalized with Language), falling back
// to English and then to the key itself.
func T(lang, key string, args ...any) string {
	mu.RLock()
	f, ok := catalogs[Language(lang)][key]
	if !ok {
		f, ok = catalogs[English][key]
	}
	mu.RUnlock()
	if !ok {
		f = key
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// N formats a phrase that depends on a count n: key+".one" when n is 1
// and lang has that phrase (or has not the phrase at all, falling back to
// English, which has it), else key. Languages without a singular form
// register key only.
func N(lang, key string, n int, args ...any) string {
	if n == 1 {
		mu.RLock()
		c := catalogs[Language(lang)]
		_, one := c[key+".one"]
		if _, has := c[key]; !one && !has {
			_, one = catalogs[English][key+".one"]
		}
		mu.RUnlock()
		if one {
			return T(lang, key+".one", args...)
		}
	}
	return T(lang, key, args...)
}
