package diff

import (
	"fmt"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/server/i18n"
)

// Languages for item labels.
const (
	English           = i18n.English
	SimplifiedChinese = i18n.SimplifiedChinese
)

// Language picks the label language; see i18n.Language.
func Language(lang string) string { return i18n.Language(lang) }

// labels holds the phrase for each kind: %[1]s is the object, %[2]s its
// table, %[3]s its schema.
var labels = map[string]map[ddl.Kind]string{
	English: {
		ddl.CreateSchema: "create schema %[3]s",
		ddl.CreateTable:  "create table %[2]s", ddl.DropTable: "drop table %[2]s",
		ddl.RebuildTable: "rebuild table %[2]s", ddl.SetTableComment: "set the comment of table %[2]s",
		ddl.AddColumn: "add column %[1]s to %[2]s", ddl.DropColumn: "drop column %[1]s from %[2]s",
		ddl.AlterColumn: "change column %[1]s of %[2]s", ddl.AddPrimaryKey: "add the primary key of %[2]s",
		ddl.DropPrimaryKey: "drop the primary key of %[2]s", ddl.CreateIndex: "create index %[1]s on %[2]s",
		ddl.DropIndex: "drop index %[1]s on %[2]s", ddl.AddForeignKey: "add foreign key %[1]s to %[2]s",
		ddl.DropForeignKey: "drop foreign key %[1]s from %[2]s", ddl.AddUnique: "add unique constraint %[1]s to %[2]s",
		ddl.DropUnique: "drop unique constraint %[1]s from %[2]s", ddl.AddCheck: "add check %[1]s to %[2]s",
		ddl.DropCheck: "drop check %[1]s from %[2]s", ddl.CreateView: "create view %[1]s",
		ddl.DropView: "drop view %[1]s", ddl.CreateTrigger: "create trigger %[1]s on %[2]s",
		ddl.DropTrigger: "drop trigger %[1]s on %[2]s",
	},
	SimplifiedChinese: {
		ddl.CreateSchema: "创建模式 %[3]s",
		ddl.CreateTable:  "创建表 %[2]s", ddl.DropTable: "删除表 %[2]s",
		ddl.RebuildTable: "重建表 %[2]s", ddl.SetTableComment: "设置表 %[2]s 的注释",
		ddl.AddColumn: "为 %[2]s 添加列 %[1]s", ddl.DropColumn: "从 %[2]s 删除列 %[1]s",
		ddl.AlterColumn: "修改 %[2]s 的列 %[1]s", ddl.AddPrimaryKey: "为 %[2]s 添加主键",
		ddl.DropPrimaryKey: "删除 %[2]s 的主键", ddl.CreateIndex: "在 %[2]s 上创建索引 %[1]s",
		ddl.DropIndex: "删除 %[2]s 上的索引 %[1]s", ddl.AddForeignKey: "为 %[2]s 添加外键 %[1]s",
		ddl.DropForeignKey: "从 %[2]s 删除外键 %[1]s", ddl.AddUnique: "为 %[2]s 添加唯一约束 %[1]s",
		ddl.DropUnique: "从 %[2]s 删除唯一约束 %[1]s", ddl.AddCheck: "为 %[2]s 添加检查约束 %[1]s",
		ddl.DropCheck: "从 %[2]s 删除检查约束 %[1]s", ddl.CreateView: "创建视图 %[1]s",
		ddl.DropView: "删除视图 %[1]s", ddl.CreateTrigger: "在 %[2]s 上创建触发器 %[1]s",
		ddl.DropTrigger: "删除 %[2]s 上的触发器 %[1]s",
	},
}

var words = map[string]map[string]string{
	English:           {"destructive": "destructive", "unnamed": "(unnamed)", "not selected": "not selected"},
	SimplifiedChinese: {"destructive": "破坏性", "unnamed": "(未命名)", "not selected": "未选中"},
}

// Label describes an item for people, in lang (see Language).
func (it Item) Label(lang string) string {
	lang = Language(lang)
	format, ok := labels[lang][it.Kind]
	if !ok {
		return string(it.Kind) + " " + it.ID
	}
	obj := it.Object
	if obj == "" {
		obj = words[lang]["unnamed"]
	}
	table := it.Table
	if it.Schema != "" && table != "" {
		table = it.Schema + "." + table
	}
	if it.Kind == ddl.CreateView || it.Kind == ddl.DropView {
		obj = it.Schema + "." + it.Object
	}
	return fmt.Sprintf(format, obj, table, it.Schema)
}

// Word translates a short UI word.
func Word(lang, w string) string {
	if s, ok := words[Language(lang)][w]; ok {
		return s
	}
	return w
}
