package importer

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// A multilingual WordPress site (Polylang, the plugin whose data a WXR export carries)
// gives each post its language as a term of the taxonomy "language" (slug "en", "ru" …)
// and groups a post with its translations under a term of "post_translations" (slug
// "pll_…"). The importer imports the post in that language and the group as a
// translation group, so that the stories link to each other.

// multilingual records a Polylang term of the post.
func (p *Post) multilingual(taxonomy, slug string) {
	switch taxonomy {
	case "language":
		p.language = strings.ToLower(strings.TrimSpace(slug))
	case "post_translations":
		p.translations = strings.TrimSpace(slug)
	}
}

// postLanguage is the language the export gives p, "" when it gives none (or one that
// is no language code, which is reported).
func (s *sink) postLanguage(p *Post) string {
	if p.language == "" {
		return ""
	}
	if !content.ValidSlug(p.language) || len(p.language) > 12 {
		s.rep.warn("post %s: language %q is not a language code; imported in %s", p.ID, p.language, s.im.opt.Language)
		return ""
	}
	return p.language
}

// itemLanguage is the language a post or page is imported in — the one a Newsdesk export
// names, else Polylang's, else the import's — added to the site if it is new.
func (s *sink) itemLanguage(p *Post) (string, error) {
	lang := s.im.opt.Language
	if l := p.MetaValue("_newsdesk_language"); l != "" {
		lang = l
	} else if l := s.postLanguage(p); l != "" {
		lang = l
	}
	return lang, s.language(lang, "")
}

// group is the translation group the export calls key, made (and recorded) the first
// time it is met.
func (s *sink) group(key string, created time.Time) (int64, error) {
	gid, _, err := s.b.ImportedItem(s.ctx, s.source, "group", key)
	switch {
	case errors.Is(err, content.ErrNotFound):
		if gid, err = s.b.Group(s.ctx, created); err != nil {
			return 0, fmt.Errorf("translation group %s: %w", key, err)
		}
		if err := s.b.RecordImport(s.ctx, s.source, "group", key, gid, "", s.now); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, fmt.Errorf("translation group %s: %w", key, err)
	}
	return gid, nil
}
