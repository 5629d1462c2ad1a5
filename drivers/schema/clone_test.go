package schema

import (
	"fmt"
	"reflect"
	"testing"
)

// fill sets every field reachable from v to a non-zero value, growing
// slices and maps to one element, so that the clone test sees every field
// the model has today and will have tomorrow.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprint("s", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), n)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, n)
		fill(e, n)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

// shares reports the first place where a and b point at the same memory.
func shares(a, b reflect.Value, path string) string {
	switch a.Kind() {
	case reflect.Pointer:
		if a.Pointer() == b.Pointer() {
			return path
		}
		return shares(a.Elem(), b.Elem(), path+".*")
	case reflect.Slice:
		if a.Len() > 0 && a.Pointer() == b.Pointer() {
			return path
		}
		for i := range a.Len() {
			if p := shares(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	case reflect.Map:
		if a.Pointer() == b.Pointer() {
			return path
		}
	case reflect.Struct:
		for i := range a.NumField() {
			if p := shares(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); p != "" {
				return p
			}
		}
	}
	return ""
}

func TestCloneCopiesEverything(t *testing.T) {
	var s Snapshot
	n := 0
	fill(reflect.ValueOf(&s).Elem(), &n)
	c := s.Clone()
	if !reflect.DeepEqual(&s, c) {
		t.Fatal("clone differs from the original: a field is not copied")
	}
	if p := shares(reflect.ValueOf(&s), reflect.ValueOf(c), "Snapshot"); p != "" {
		t.Fatalf("clone shares memory with the original at %s", p)
	}
	var empty Snapshot
	if c := empty.Clone(); !reflect.DeepEqual(&empty, c) {
		t.Fatal("clone of an empty snapshot differs")
	}
}

// TestCloneColumnsIsolated: the tables of a clone share one allocation of
// columns; growing one table's columns must not write over the next's.
func TestCloneColumnsIsolated(t *testing.T) {
	s := &Snapshot{Schemas: []Schema{{Name: "public", Tables: []Table{
		{Name: "a", Columns: []Column{{Name: "a1"}}},
		{Name: "b", Columns: []Column{{Name: "b1"}}},
	}}}}
	c := s.Clone()
	a := &c.Schemas[0].Tables[0]
	a.Columns = append(a.Columns, Column{Name: "a2"})
	if got := c.Schemas[0].Tables[1].Columns[0].Name; got != "b1" {
		t.Fatalf("appending to a's columns overwrote b's first column with %q", got)
	}
	if got := s.Schemas[0].Tables[0].Columns; len(got) != 1 {
		t.Fatalf("the original changed: %v", got)
	}
}
