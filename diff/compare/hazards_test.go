package compare

import (
	"errors"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
)

func TestCheckHazards(t *testing.T) {
	plan := &diff.Plan{Items: []diff.Item{
		{ID: "index.create:public.t.i", Selected: true, Hazards: []string{"index_build"}},
		{ID: "column.drop:public.t.c", Selected: false, Hazards: []string{"deletes_data"}},
		{ID: "column.alter:public.t.d", Selected: true, Hazards: []string{"access_exclusive_lock", "rewrites_table"}},
	}}
	if err := CheckHazards(plan, []string{"index_build", "access_exclusive_lock", "rewrites_table"}); err != nil {
		t.Errorf("all selected hazards allowed: %v", err)
	}
	err := CheckHazards(plan, []string{"index_build", "access_exclusive_lock"})
	if !errors.Is(err, ErrHazard) || !strings.Contains(err.Error(), "column.alter:public.t.d") ||
		!strings.Contains(err.Error(), "--hazards rewrites_table") || strings.Contains(err.Error(), "deletes_data") {
		t.Errorf("refusal: %v", err)
	}
}
