package importer

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// An old site's pages (WordPress's post type "page", Ghost's posts of type "page") become
// the site's pages (internal/pages): one per language, in the language the post would
// have, linked to their translations as Polylang groups them, a draft staying a draft and
// a published page staying published, with its slug and its body converted as a post's
// is. Each is recorded in the import map (kind "page"), so importing again changes nothing
// or updates it in place, and its old URLs lead to it (legacy_urls, kind "page").

// pageRecord is what an imported page is made of; its hash tells a changed export.
type pageRecord struct {
	Page  content.Page
	Group string
}

// page imports one page of the old site.
func (s *sink) page(p *Post) error {
	ours := p.MetaValue("_newsdesk_language") != ""
	s.ours = ours // before the title: a Newsdesk export's is text, not HTML
	title := s.headline(p)
	st, why, ok := status(p)
	if !ok {
		s.rep.skip("page", p.ID, title, why)
		return nil
	}
	if p.ID == "" {
		s.rep.skip("page", p.ID, title, "no post id")
		return nil
	}
	st = s.protect(p, st)
	note := ""
	if st != content.StatusPublished {
		note = "draft"
		if st != content.StatusDraft { // scheduled: a page is a draft or public
			note = "draft; was " + string(st)
			st = content.StatusDraft
		}
	}
	lang, err := s.itemLanguage(p)
	if err != nil {
		return err
	}
	if title == "" {
		title = "Untitled page " + p.ID
		s.rep.warn("page %s has no title; called it %q", p.ID, title)
	}
	if p.prep == nil {
		prepare(p, s.format, s.md)
	}
	pg := content.Page{Language: lang, Title: title, Status: st, InFooter: true}
	if pg.BodyMD, err = s.body(p, "page"); err != nil {
		return err
	}
	// A Newsdesk export says whether the page is in the footer and where.
	if v := p.MetaValue("_newsdesk_in_footer"); v != "" {
		pg.InFooter = v == "1"
	}
	if v, err := strconv.Atoi(p.MetaValue("_newsdesk_position")); err == nil && v >= 0 && v <= 999 {
		pg.Position = v
	}
	var a content.Article // the page's times, worked out as a post's
	a.Status = st
	s.dates(p, &a)
	for key, t := range map[string]*time.Time{"_newsdesk_created": &a.CreatedAt, "_newsdesk_updated": &a.UpdatedAt,
		"_newsdesk_published": &a.PublishedAt} { // a Newsdesk export's own times, to the microsecond
		if us, err := strconv.ParseInt(p.MetaValue(key), 10, 64); err == nil && ours {
			*t = time.Time{}
			if us != 0 {
				*t = time.UnixMicro(us).UTC()
			}
		}
	}
	pg.CreatedAt, pg.UpdatedAt, pg.PublishedAt = a.CreatedAt, a.UpdatedAt, a.PublishedAt
	pg.Slug = postSlug(p, title, "page-")
	group := p.translations
	if g := p.MetaValue("_newsdesk_group"); g != "" {
		group = "newsdesk:" + g
	}
	hash := hashOf(pageRecord{Page: pg, Group: group})

	id, oldHash, err := s.previous("page", p.ID)
	if errors.Is(err, content.ErrNotFound) {
		id = 0
	} else if err != nil {
		return err
	}
	s.rep.page(p.ID, title, note)
	cnt := s.rep.count("page")
	if id != 0 && oldHash == hash {
		cnt.Unchanged++
		return nil
	}
	if pg.BodyHTML, err = s.md.Render(pg.BodyMD); err != nil {
		return fmt.Errorf("page %s: %w", p.ID, err)
	}
	pg.BodyHTML = content.PageBodyHTML(pg.BodyHTML)
	a.CreatedAt, a.UpdatedAt, a.PublishedAt = pg.CreatedAt, pg.UpdatedAt, pg.PublishedAt
	s.stamp(&a) // after the hash: the import's time is not part of what was imported
	pg.CreatedAt, pg.UpdatedAt, pg.PublishedAt = a.CreatedAt, a.UpdatedAt, a.PublishedAt
	if err := s.freePageSlug(&pg, id, p.ID); err != nil {
		return err
	}
	if id != 0 {
		pg.ID = id
		err = s.tx.UpdatePage(s.ctx, pg)
		switch {
		case errors.Is(err, content.ErrNotFound):
			id = 0 // deleted here since: import it again
		case err != nil:
			return fmt.Errorf("page %s: %w", p.ID, err)
		default:
			cnt.Updated++
		}
	}
	if id == 0 {
		pg.ID = 0
		if id, err = s.tx.CreatePage(s.ctx, pg); err != nil {
			return fmt.Errorf("page %s: %w", p.ID, err)
		}
		cnt.Created++
	}
	if err := s.b.RecordImport(s.ctx, s.source, "page", p.ID, id, hash, s.now); err != nil {
		return err
	}
	if err := s.linkPage(p.ID, id, group); err != nil {
		return err
	}
	return s.legacyPage(p, id)
}

// linkPage puts page id into the translation group the export calls key: the group's
// first page imported (recorded in the import map as kind "page_group") is the one the
// others are linked to.
func (s *sink) linkPage(postID string, id int64, key string) error {
	if key == "" {
		return nil
	}
	first, ok := s.pageGroups[key]
	if !ok {
		var err error
		if first, _, err = s.previous("page_group", key); errors.Is(err, content.ErrNotFound) {
			first = 0
		} else if err != nil {
			return err
		}
	}
	if first != 0 && first != id {
		err := s.tx.LinkPage(s.ctx, id, first)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, content.ErrConflict):
			s.rep.warn("page %s: its translations have a page in its language already; it is not linked to them", postID)
			return nil
		case !errors.Is(err, content.ErrNotFound):
			return fmt.Errorf("page %s: link translations: %w", postID, err)
		}
		// The group's first page was deleted here since: this one takes its place.
	}
	if s.pageGroups == nil {
		s.pageGroups = map[string]int64{}
	}
	s.pageGroups[key] = id
	return s.b.RecordImport(s.ctx, s.source, "page_group", key, id, "", s.now)
}

// freePageSlug gives pg a slug no other page uses in its language (the post id is
// appended), as freeSlug does for stories.
func (s *sink) freePageSlug(pg *content.Page, id int64, postID string) error {
	var err error
	pg.Slug, err = s.untakenSlug("page", postID, pg.Language, pg.Slug, func(slug string) (bool, error) {
		return s.tx.PageSlugFree(s.ctx, pg.Language, slug, id)
	})
	return err
}

// postSlug is the slug of an imported post or page: its own when valid, else made of it,
// of the title, or of prefix and the post id.
func postSlug(p *Post, title, prefix string) string {
	slug := p.Slug
	if u, err := url.PathUnescape(slug); err == nil {
		slug = u
	}
	if !content.ValidSlug(slug) {
		slug = content.Slugify(slug)
	}
	if slug == "" {
		slug = content.Slugify(title)
	}
	if slug == "" {
		slug = prefix + content.Slugify(p.ID)
	}
	return slug
}

// legacyPage keeps a page's old URLs: its permalink and, on WordPress, /?page_id=ID
// firmly; /?p=ID, its guid and /slug unless another post has them.
func (s *sink) legacyPage(p *Post, id int64) error {
	firm := p.MetaValues("_newsdesk_legacy_path")
	var weak []string
	if p.MetaValue("_newsdesk_language") == "" {
		firm = append(firm, linkKey(p.Link))
		switch s.format {
		case "wordpress":
			if digits(p.ID) {
				firm = append(firm, "/?page_id="+p.ID)
				weak = append(weak, "/?p="+p.ID)
			}
			weak = append(weak, guidKey(p.GUID, p.Link))
			for _, slug := range postSlugs(p) {
				weak = append(weak, "/"+slug)
			}
		case "ghost":
			if p.Slug != "" {
				firm = append(firm, "/"+p.Slug)
			}
		}
	}
	firm = cleanKeys(firm, nil)
	weak = cleanKeys(weak, firm)
	added, err := s.b.PutLegacyURLs(s.ctx, firm, "page", id, "", true)
	if err != nil {
		return err
	}
	more, err := s.b.PutLegacyURLs(s.ctx, weak, "page", id, "", false)
	if err != nil {
		return err
	}
	if added+more > 0 {
		s.rep.count("redirect").Created += added + more
	}
	return nil
}
