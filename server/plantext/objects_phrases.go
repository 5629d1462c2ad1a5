package plantext

import "github.com/dbls/dbls/server/i18n"

// Labels of the changes to schema-level objects (drivers/ddl/objects.go):
// %[1]s is the object (a routine with its argument types), %[3]s its
// schema.
func init() {
	i18n.Register(i18n.English, map[string]string{
		"plan.kind.sequence.create": "create sequence %[3]s.%[1]s",
		"plan.kind.sequence.alter":  "change sequence %[3]s.%[1]s",
		"plan.kind.sequence.drop":   "drop sequence %[3]s.%[1]s",
		"plan.kind.enum.create":     "create enum type %[3]s.%[1]s",
		"plan.kind.enum.add_value":  "add values to enum type %[3]s.%[1]s",
		"plan.kind.enum.alter":      "change the values of enum type %[3]s.%[1]s",
		"plan.kind.enum.drop":       "drop enum type %[3]s.%[1]s",
		"plan.kind.domain.create":   "create domain %[3]s.%[1]s",
		"plan.kind.domain.alter":    "change domain %[3]s.%[1]s",
		"plan.kind.domain.drop":     "drop domain %[3]s.%[1]s",
		"plan.kind.routine.create":  "create routine %[3]s.%[1]s",
		"plan.kind.routine.replace": "replace routine %[3]s.%[1]s",
		"plan.kind.routine.drop":    "drop routine %[3]s.%[1]s",
		"plan.kind.event.create":    "create event %[3]s.%[1]s",
		"plan.kind.event.alter":     "change event %[3]s.%[1]s",
		"plan.kind.event.drop":      "drop event %[3]s.%[1]s",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"plan.kind.sequence.create": "创建序列 %[3]s.%[1]s",
		"plan.kind.sequence.alter":  "修改序列 %[3]s.%[1]s",
		"plan.kind.sequence.drop":   "删除序列 %[3]s.%[1]s",
		"plan.kind.enum.create":     "创建枚举类型 %[3]s.%[1]s",
		"plan.kind.enum.add_value":  "为枚举类型 %[3]s.%[1]s 添加值",
		"plan.kind.enum.alter":      "修改枚举类型 %[3]s.%[1]s 的值",
		"plan.kind.enum.drop":       "删除枚举类型 %[3]s.%[1]s",
		"plan.kind.domain.create":   "创建域 %[3]s.%[1]s",
		"plan.kind.domain.alter":    "修改域 %[3]s.%[1]s",
		"plan.kind.domain.drop":     "删除域 %[3]s.%[1]s",
		"plan.kind.routine.create":  "创建例程 %[3]s.%[1]s",
		"plan.kind.routine.replace": "替换例程 %[3]s.%[1]s",
		"plan.kind.routine.drop":    "删除例程 %[3]s.%[1]s",
		"plan.kind.event.create":    "创建事件 %[3]s.%[1]s",
		"plan.kind.event.alter":     "修改事件 %[3]s.%[1]s",
		"plan.kind.event.drop":      "删除事件 %[3]s.%[1]s",
	})
}
