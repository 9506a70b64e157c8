package store

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
)

// What the export reads of pages and author profiles (import_export.go has the rest).

// ExportPages returns every page, whatever its status, in id order, with the old sites'
// paths that lead to it.
func (s *Store) ExportPages(ctx context.Context) ([]importer.ExportPage, error) {
	list, err := s.queryPages(ctx, "pages to export", "SELECT "+pageColumns+" ORDER BY id")
	if err != nil {
		return nil, err
	}
	out := make([]importer.ExportPage, 0, len(list))
	for _, p := range list {
		e := importer.ExportPage{Page: p}
		if e.LegacyURLs, err = s.exportStrings(ctx, "SELECT path FROM legacy_urls WHERE kind = 'page' AND target_id = ? ORDER BY path", p.ID); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// exportAuthorProfiles adds their profiles' texts and links to authors.
func (s *Store) exportAuthorProfiles(ctx context.Context, authors []importer.ExportAuthor) error {
	at := make(map[int64]*importer.ExportAuthor, len(authors))
	for i := range authors {
		at[authors[i].ID] = &authors[i]
	}
	rows, err := s.query(ctx, "SELECT author_id, language, name, role, bio FROM author_texts ORDER BY author_id, language")
	if err != nil {
		return fmt.Errorf("export author texts: %w", err)
	}
	for rows.Next() {
		var id int64
		var lang string
		var t content.AuthorText
		if err := rows.Scan(&id, &lang, &t.Name, &t.Role, &t.Bio); err != nil {
			rows.Close()
			return fmt.Errorf("scan author text: %w", err)
		}
		if a := at[id]; a != nil {
			if a.Texts == nil {
				a.Texts = map[string]content.AuthorText{}
			}
			a.Texts[lang] = t
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export author texts: %w", err)
	}
	rows, err = s.query(ctx, "SELECT author_id, label, url FROM author_links ORDER BY author_id, position")
	if err != nil {
		return fmt.Errorf("export author links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var l content.AuthorLink
		if err := rows.Scan(&id, &l.Label, &l.URL); err != nil {
			return fmt.Errorf("scan author link: %w", err)
		}
		if a := at[id]; a != nil {
			a.Links = append(a.Links, l)
		}
	}
	return rows.Err()
}
