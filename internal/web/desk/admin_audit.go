package desk

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// The audit log page.

type auditView struct {
	view
	Entries []newsroom.AuditEntry
}

func (d *Desk) auditLog(w http.ResponseWriter, r *http.Request) {
	av := auditView{view: d.baseView(w, r, userFrom(r.Context()), "Audit log")}
	av.Nav = "audit"
	var err error
	if av.Entries, err = d.svc.AuditLog(r.Context(), *userFrom(r.Context()), 200, 0); err != nil {
		d.fail(w, r, err)
		return
	}
	d.render(w, r, http.StatusOK, "audit", av)
}

// Settings the newsroom can change, with their stored keys.
