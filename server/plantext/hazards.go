package plantext

import (
	"fmt"
	"strings"

	"github.com/dbls/dbls/server/i18n"
)

// writeHazards prints, under an item's id, what applying it risks: one
// line naming its hazard classes in lang (the class names, which
// --hazards takes, in brackets), and for a column made NOT NULL over
// NULLs, how many rows and what fixes it.
func writeHazards(b *strings.Builder, it Item, lang string) {
	if len(it.Hazards) == 0 {
		return
	}
	parts := make([]string, len(it.Hazards))
	for i, h := range it.Hazards {
		key := "plan.hazard." + h
		phrase := i18n.T(lang, key)
		if phrase == key {
			phrase = h
		}
		parts[i] = phrase + " [" + h + "]"
	}
	fmt.Fprintf(b, "-- %s\n", i18n.T(lang, "plan.hazards", strings.Join(parts, ", ")))
	if it.NullRows > 0 {
		fmt.Fprintf(b, "-- %s\n", i18n.T(lang, "plan.nullRows", it.NullRows))
	}
}

func init() {
	i18n.Register(i18n.English, map[string]string{
		"plan.kind.exclusion.add":           "add exclusion constraint %[1]s to %[2]s",
		"plan.kind.exclusion.drop":          "drop exclusion constraint %[1]s from %[2]s",
		"plan.kind.table.rename":            "rename table %[2]s",
		"plan.kind.column.rename":           "rename column %[1]s of %[2]s",
		"plan.hazards":                      "hazards: %s",
		"plan.hazard.deletes_data":          "deletes data",
		"plan.hazard.rewrites_table":        "rewrites the table",
		"plan.hazard.access_exclusive_lock": "takes an ACCESS EXCLUSIVE lock",
		"plan.hazard.breaks_dependants":     "breaks dependants",
		"plan.hazard.index_build":           "builds an index",
		"plan.hazard.existing_nulls":        "NULLs in the column",
		"plan.nullRows":                     "%d row(s) hold NULL in this column: the change fails unless they are filled (--backfill fills them from the new default)",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"plan.kind.exclusion.add":           "为 %[2]s 添加排除约束 %[1]s",
		"plan.kind.exclusion.drop":          "从 %[2]s 删除排除约束 %[1]s",
		"plan.kind.table.rename":            "重命名表 %[2]s",
		"plan.kind.column.rename":           "重命名 %[2]s 的列 %[1]s",
		"plan.hazards":                      "风险：%s",
		"plan.hazard.deletes_data":          "删除数据",
		"plan.hazard.rewrites_table":        "重写整张表",
		"plan.hazard.access_exclusive_lock": "获取 ACCESS EXCLUSIVE 锁",
		"plan.hazard.breaks_dependants":     "破坏依赖对象",
		"plan.hazard.index_build":           "构建索引",
		"plan.hazard.existing_nulls":        "列中存在 NULL",
		"plan.nullRows":                     "此列有 %d 行为 NULL：除非先填充，否则该修改会失败（--backfill 用新的默认值填充）",
	})
}
