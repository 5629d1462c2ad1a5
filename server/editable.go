package server

import (
	"strings"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/i18n"
	"github.com/dbls/dbls/server/runner"
)

// Editable says which table a result's rows are rows of, so that a client
// can change them through the record commands: the table, its row key
// (all of whose columns are in the result), and for each result column
// the table column it is, or null for an expression.
type Editable struct {
	Schema  string    `json:"schema"`
	Table   string    `json:"table"`
	Key     []string  `json:"key"`
	Columns []*string `json:"columns"`
}

func init() {
	i18n.Register(i18n.English, map[string]string{
		"edit.statement":  "only the result of one SELECT can be edited",
		"edit.shape":      "the rows are not rows of one table (a join, grouping, DISTINCT, a set operation or a subquery in FROM)",
		"edit.expression": "the select list calls a function or holds a subquery",
		"edit.table":      "the statement does not read a table the schema knows (a view, a CTE, or a table the snapshot lacks: refresh the schema)",
		"edit.noKey":      "%s has no primary key and no unique key of NOT NULL columns",
		"edit.keyMissing": "no primary key in the result: select the key columns of %s (%s) to edit",
		"edit.noSnapshot": "the schema is not loaded yet: run the statement again once it is",
		"edit.columns":    "the result's columns differ from what the schema says of %s: refresh the schema",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"edit.statement":  "只有单条 SELECT 的结果可以编辑",
		"edit.shape":      "结果行不是同一张表的行（连接、分组、DISTINCT、集合运算或 FROM 中的子查询）",
		"edit.expression": "选择列表调用了函数或包含子查询",
		"edit.table":      "语句读取的不是架构中已知的表（视图、CTE，或快照中没有的表：请刷新架构）",
		"edit.noKey":      "%s 没有主键，也没有由 NOT NULL 列组成的唯一键",
		"edit.keyMissing": "结果中没有主键：请选出 %s 的键列（%s）后再编辑",
		"edit.noSnapshot": "架构尚未加载：加载完成后请重新运行语句",
		"edit.columns":    "结果的列与架构中 %s 的列不一致：请刷新架构",
	})
}

// editable decides whether the rows of res can be edited, from its
// statement and the connection's snapshot; when not, it says why in the
// client's language. A result without a result set gets neither.
func (s *Server) editable(e *entry, d analysis.Dialect, res *runner.Result) (*Editable, string) {
	if !res.HasResultSet() {
		return nil, ""
	}
	lang := s.language()
	_, ix := e.loaded()
	if ix == nil {
		return nil, i18n.T(lang, "edit.noSnapshot")
	}
	tg, why := analysis.EditTargetOf(ix, d, res.SQL)
	name := drivers.TableRef{Schema: tg.Schema, Name: tg.Table}.String()
	switch why {
	case "":
	case analysis.NotEditableNoKey:
		return nil, i18n.T(lang, "edit.noKey", name)
	case analysis.NotEditableKeyMissing:
		return nil, i18n.T(lang, "edit.keyMissing", name, strings.Join(tg.Key, ", "))
	default:
		return nil, i18n.T(lang, "edit."+why)
	}
	// The snapshot may be older than the table: its columns must be the
	// result's, one for one.
	if len(tg.Columns) != len(res.Columns) {
		return nil, i18n.T(lang, "edit.columns", name)
	}
	out := &Editable{Schema: tg.Schema, Table: tg.Table, Key: tg.Key, Columns: make([]*string, len(tg.Columns))}
	for i, c := range tg.Columns {
		if c != "" {
			out.Columns[i] = &c
		}
	}
	return out, ""
}
