package importer

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Who may read a Ghost post, and when its export was made.

// ghostPaywall finds the public-preview card (the members-only boundary) in a Lexical or
// Mobiledoc document.
var ghostPaywall = regexp.MustCompile(`"type"\s*:\s*"paywall"|\[\s*"paywall"\s*,`)

// ghostProtected says why a Ghost post is for members only, or "" for a public one: its
// visibility (members, paid, tiers or a filter of tiers), or members-only content in it
// (the <!--members-only--> boundary in its HTML, the public-preview card in its document).
func ghostProtected(gp *ghostPost) string {
	if v := strings.TrimSpace(gp.Visibility); v != "" && v != "public" {
		return fmt.Sprintf("for members only (Ghost visibility %q)", v)
	}
	if strings.Contains(gp.HTML, "<!--members-only-->") || ghostPaywall.MatchString(gp.Lexical) ||
		ghostPaywall.MatchString(gp.Mobiledoc) {
		return "has members-only content (a public preview card)"
	}
	return ""
}

// meta reads an export's meta object, for when the export was made; a meta of another
// shape is passed over, as it was before it was read.
func (g *ghostReader) meta(field string) error {
	var raw json.RawMessage
	if err := g.decode(&raw, field); err != nil {
		return err
	}
	var m ghostMeta
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	var ms int64
	var s string
	switch {
	case json.Unmarshal(m.ExportedOn, &ms) == nil && ms > 0:
		g.exported = time.UnixMilli(ms).UTC()
	case json.Unmarshal(m.ExportedOn, &s) == nil:
		if t, err := time.Parse(wpTime, ghostTime(s)); err == nil {
			g.exported = t
		}
	}
	return nil
}
