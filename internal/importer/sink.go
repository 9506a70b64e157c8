package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// sink writes what a reader finds into the import's transaction.
type sink struct {
	// ctx is the import's context without its cancellation, for the statements: the SQLite
	// driver starts a goroutine to watch a cancellable context for every statement (a
	// dozen statements a post). stop is the import's context, checked between items.
	ctx    context.Context
	stop   context.Context
	im     *Importer
	b      Bulk
	tx     Tx
	format string
	rep    *Report
	md     *content.Renderer
	now    time.Time

	source string
	host   string
	offset time.Duration // the old site's offset from UTC, learnt from posts with both dates
	// exported is when the export was made (zero if it does not say): the date of posts without one.
	exported time.Time
	terms    map[string]Term
	authors  map[string]Author // by login
	// Caches of our ids.
	sections  map[string]int64 // section key + "\x00" + language → id
	tags      map[string]int64 // language + "\x00" + slug → id
	authorIDs map[string]int64 // login → author id
	langs     map[string]bool
	// Attachments (id → URL) and the featured images waiting for them.
	attachments map[string]string
	thumbs      []pendingThumb
	media       *mediaIntake
	ours        bool                // the item being imported comes from a Newsdesk export
	catHomes    map[string]termHome // category slug → what it became (legacyCategory)
	// fresh is set when nothing was ever imported from this source: then no item can have
	// been imported before, and the look-ups are skipped (a third of a first import's queries).
	fresh bool
	// pageGroups are the translation groups of pages met so far: the export's key → the
	// page the group's others are linked to (sink_page.go).
	pageGroups map[string]int64
}

// previous returns what an item of the export became in an earlier import.
func (s *sink) previous(kind, id string) (int64, string, error) {
	if s.fresh {
		return 0, "", content.ErrNotFound
	}
	return s.b.ImportedItem(s.ctx, s.source, kind, id)
}

type pendingThumb struct {
	articleID  int64
	attachment string
	alt        string
}

func newSink(ctx context.Context, im *Importer, b Bulk, tx Tx, format string, rep *Report) *sink {
	return &sink{ctx: context.WithoutCancel(ctx), stop: ctx, im: im, b: b, tx: tx, format: format, rep: rep,
		md: content.NewRenderer(), now: im.opt.Now(), terms: map[string]Term{}, authors: map[string]Author{},
		sections: map[string]int64{}, tags: map[string]int64{}, authorIDs: map[string]int64{}, langs: map[string]bool{},
		attachments: map[string]string{}, media: newMediaIntake(im.opt, rep)}
}

// Site records where the export comes from.
func (s *sink) Site(site Site) error {
	base := strings.TrimRight(strings.TrimSpace(site.BaseURL), "/")
	if base == "" {
		base = strings.TrimSpace(site.Title)
	}
	if base == "" {
		base = "unknown"
	}
	s.source = s.format + ":" + base
	s.exported = site.Exported
	s.rep.Source = base
	if u, err := url.Parse(base); err == nil {
		s.host = strings.ToLower(u.Host)
	}
	seen, err := s.b.ImportedFrom(s.ctx, s.source)
	if err != nil {
		return err
	}
	s.fresh = !seen
	return s.language(s.im.opt.Language, site.Title)
}

func (s *sink) language(code, siteName string) error {
	if s.langs[code] {
		return nil
	}
	if siteName == "" {
		siteName = "Newsdesk"
	}
	added, err := s.tx.EnsureLanguage(s.ctx, code, code, siteName)
	if err != nil {
		return err
	}
	if added {
		s.rep.count("language").Created++
	}
	s.langs[code] = true
	return nil
}

// Author remembers an account; it becomes a user and an author when a post names it.
func (s *sink) Author(a Author) error {
	s.authors[a.Login] = a
	return nil
}

// Category remembers a category; it becomes a section when a post is filed in it.
func (s *sink) Category(t Term) error {
	s.terms["category\x00"+t.Slug] = t
	return nil
}

// Tag remembers a tag's name.
func (s *sink) Tag(t Term) error {
	s.terms["tag\x00"+t.Slug] = t
	return nil
}

// Post imports one item.
func (s *sink) Post(p *Post) error {
	if err := s.stop.Err(); err != nil {
		return err
	}
	switch p.Type {
	case "attachment":
		u := p.AttachmentURL
		if u == "" {
			u = p.GUID
		}
		s.attachments[p.ID] = u
		s.media.attachment(p) // its text and caption, for galleries (media.go)
		return nil
	case "post", "":
		return s.article(p)
	case "newsdesk_brief":
		return s.brief(p)
	case "page":
		return s.page(p) // sink_page.go
	case "revision", "nav_menu_item", "custom_css", "customize_changeset", "oembed_cache", "user_request",
		"wp_block", "wp_template", "wp_template_part", "wp_global_styles", "wp_navigation", "wp_font_family", "wp_font_face":
		s.rep.skip("other", p.ID, p.Title, "WordPress "+p.Type+" is not content")
	default:
		s.rep.skip("other", p.ID, p.Title, "post type "+strconv.Quote(p.Type)+" is not imported")
	}
	return nil
}

// status maps a WordPress status to ours; ok false means the item is skipped.
func status(p *Post) (content.Status, string, bool) {
	if st := p.MetaValue("_newsdesk_status"); st != "" {
		return content.Status(st), "", true
	}
	switch p.Status {
	case "publish":
		return content.StatusPublished, "", true
	case "future":
		return content.StatusScheduled, "", true
	case "draft", "pending", "private":
		return content.StatusDraft, "", true
	case "trash":
		return "", "in the trash", false
	case "auto-draft", "inherit":
		return "", "an automatic draft", false
	}
	return "", "unknown status " + strconv.Quote(p.Status), false
}

const wpTime = "2006-01-02 15:04:05"

// times works out a post's publication and modification times in UTC: the GMT fields when
// set, else the local ones less the site's offset.
func (s *sink) times(local, gmt string) time.Time {
	g, gerr := time.Parse(wpTime, strings.TrimSpace(gmt))
	l, lerr := time.Parse(wpTime, strings.TrimSpace(local))
	switch {
	case gerr == nil && g.Year() > 1:
		if lerr == nil && l.Year() > 1 {
			s.offset = l.Sub(g)
		}
		return g
	case lerr == nil && l.Year() > 1:
		return l.Add(-s.offset)
	}
	return time.Time{}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// plainText turns a bit of HTML into one line of text.
func plainText(s string) string {
	return strings.TrimSpace(collapse(html.UnescapeString(tagRE.ReplaceAllString(s, " "))))
}

// storyRecord is what an imported story is made of; its hash tells a changed export.
type storyRecord struct {
	Article content.Article
	Section string
	Tags    []content.Tag
	Author  string
	Thumb   string
	Old     []string
}

func hashOf(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

func (s *sink) article(p *Post) error {
	st, why, ok := status(p)
	if !ok {
		s.rep.skip("post", p.ID, p.Title, why)
		return nil
	}
	if p.ID == "" {
		s.rep.skip("post", p.ID, p.Title, "no post id")
		return nil
	}
	ours := p.MetaValue("_newsdesk_language") != ""
	s.ours = ours
	st = s.protect(p, st)
	lang, err := s.itemLanguage(p)
	if err != nil {
		return err
	}
	a := content.Article{Language: lang, Status: st}
	a.Headline = s.headline(p)
	if a.Headline == "" {
		a.Headline = "Untitled " + p.ID
		s.rep.warn("post %s has no title; called it %q", p.ID, a.Headline)
	}
	// The body (converted and rendered ahead, on the reading goroutine: see prepare).
	if p.prep == nil {
		prepare(p, s.format, s.md)
	}
	if a.BodyMD, err = s.body(p, "post"); err != nil {
		return err
	}
	if v := p.MetaValue("_newsdesk_standfirst"); v != "" || ours {
		a.Standfirst = v
	} else {
		a.Standfirst = p.prep.standfirst
	}
	s.dates(p, &a)
	a.ReviewsClosed = p.CommentStatus == "closed"
	if err := s.extras(p, &a); err != nil {
		return err
	}
	// Section, tags, author.
	sectionKey, err := s.section(p, lang)
	if err != nil {
		return err
	}
	a.Section.ID = s.sections[sectionKey+"\x00"+lang]
	tagIDs, err := s.articleTags(p, lang, &a)
	if err != nil {
		return err
	}
	if p.Creator != "" {
		if a.Author.ID, err = s.author(p.Creator); err != nil {
			return err
		}
		if a.Byline == "" && !ours {
			a.Byline = s.authorName(p.Creator)
		}
	}
	a.Slug = postSlug(p, a.Headline, "post-")

	rec := storyRecord{Article: a, Section: sectionKey, Tags: a.Tags, Author: p.Creator, Thumb: p.MetaValue("_thumbnail_id"),
		Old: p.MetaValues("_newsdesk_old_slug")}
	hash := hashOf(rec)
	id, oldHash, err := s.previous("post", p.ID)
	switch {
	case errors.Is(err, content.ErrNotFound):
		id = 0
		if ours {
			if err := s.ownStory(p, &a); err != nil {
				return err
			}
		}
	case err != nil:
		return err
	}
	s.stamp(&a) // after the hash: the import's time is not part of what was imported
	cnt := s.rep.count("post")
	changed := true
	var recs []Record // for the import map
	switch {
	case id != 0 && oldHash == hash:
		cnt.Unchanged++
		changed = false
	default:
		if err := s.freeSlug(&a, id, p.ID); err != nil {
			return err
		}
		a.BodyHTML = p.prep.html
		if a.BodyMD != p.prep.md || p.prep.err != nil { // images were brought over: render again
			if a.BodyHTML, err = s.md.Render(a.BodyMD); err != nil {
				return fmt.Errorf("post %s: %w", p.ID, err)
			}
		}
		if id != 0 {
			a.ID = id
			err = s.tx.ImportUpdateArticle(s.ctx, a, s.now)
			if errors.Is(err, content.ErrNotFound) {
				id = 0 // deleted here since: import it again
			} else if err != nil {
				return fmt.Errorf("post %s: %w", p.ID, err)
			} else {
				cnt.Updated++
			}
		}
		if id == 0 {
			if a.GroupID == 0 {
				if a.GroupID, err = s.b.Group(s.ctx, a.CreatedAt); err != nil {
					return err
				}
			}
			if id, err = s.b.Article(s.ctx, a, tagIDs); err != nil {
				return fmt.Errorf("post %s: %w", p.ID, err)
			}
			if err := s.tx.ImportArticleExtras(s.ctx, id, a.ReviewsClosed); err != nil {
				return err
			}
			cnt.Created++
		}
		// Recorded with the comments, in one statement.
		recs = append(recs, Record{Kind: "post", SourceID: p.ID, TargetID: id, Hash: hash})
		for _, old := range rec.Old {
			if err := s.tx.KeepOldSlug(s.ctx, lang, old, id); err != nil {
				return err
			}
		}
		s.media.later(id, p.ID, a.BodyMD) // a [gallery] of attachments not read yet (media.go)
		if thumb := rec.Thumb; thumb != "" {
			s.thumbs = append(s.thumbs, pendingThumb{articleID: id, attachment: thumb, alt: a.Headline})
		}
	}
	if err := s.legacyArticle(p, id, changed); err != nil {
		return err
	}
	return s.comments(p, id, recs)
}

// body is the Markdown body of a post or page (kind): as converted ahead, with what the
// conversion left out reported and the images it found brought over (media.go).
func (s *sink) body(p *Post, kind string) (string, error) {
	conv := p.prep.conv
	if conv == nil {
		return p.prep.md, nil
	}
	for _, name := range conv.UnknownShortcodes {
		s.rep.UnknownShortcodes[name]++
	}
	for _, d := range uniq(conv.Dropped) {
		s.rep.warn("%s %s: %s removed from the body", kind, p.ID, d)
	}
	return s.media.rewrite(s.ctx, s.tx, p.ID, conv, s.attachments)
}

// extras reads the fields Newsdesk's own exports carry.
func (s *sink) extras(p *Post, a *content.Article) error {
	for _, m := range p.Meta {
		if !strings.HasPrefix(m.Key, "_newsdesk_") {
			continue
		}
		v := m.Value
		switch strings.TrimPrefix(m.Key, "_newsdesk_") {
		case "byline":
			a.Byline = v
		case "byline_role":
			a.BylineRole = v
		case "dateline":
			a.Dateline = v
		case "slugline":
			a.Slugline = v
		case "signoff":
			a.Signoff = v
		case "urgency":
			a.Urgency, _ = strconv.Atoi(v)
		case "lead":
			a.Lead = v == "1"
		case "reviews_closed":
			a.ReviewsClosed = v == "1"
		case "created", "published", "updated", "embargo_until", "first_published":
			us, _ := strconv.ParseInt(v, 10, 64)
			t := time.Time{}
			if us != 0 {
				t = time.UnixMicro(us).UTC()
			}
			switch strings.TrimPrefix(m.Key, "_newsdesk_") {
			case "created":
				a.CreatedAt = t
			case "published":
				a.PublishedAt = t
			case "updated":
				a.UpdatedAt = t
			case "embargo_until":
				a.EmbargoUntil = t
			case "first_published":
				a.FirstPublishedAt = t
			}
		case "group":
			var err error
			if a.GroupID, err = s.group(v, a.CreatedAt); err != nil {
				return err
			}
		}
	}
	if a.GroupID == 0 && p.translations != "" {
		var err error
		if a.GroupID, err = s.group(p.translations, a.CreatedAt); err != nil {
			return err
		}
	}
	return nil
}

// freeSlug gives a a slug no other story uses in its language (the post id is appended).
func (s *sink) freeSlug(a *content.Article, id int64, postID string) error {
	var err error
	a.Slug, err = s.untakenSlug("post", postID, a.Language, a.Slug, func(slug string) (bool, error) {
		return s.b.ArticleSlugFree(s.ctx, a.Language, slug, id)
	})
	return err
}

// untakenSlug is slug when free says it is free in lang, else slug (cut to 80 bytes) with
// the post id, and then a number, appended until free says so; the change is reported as
// kind's (post, page).
func (s *sink) untakenSlug(kind, postID, lang, slug string, free func(string) (bool, error)) (string, error) {
	ok, err := free(slug)
	if err != nil || ok {
		return slug, err
	}
	base := slug
	if len(base) > 80 {
		base = strings.Trim(base[:80], "-")
	}
	for i := 0; ; i++ {
		slug = base + "-" + content.Slugify(postID)
		if i > 0 {
			slug += "-" + strconv.Itoa(i+1)
		}
		if ok, err = free(slug); err != nil || ok {
			if err == nil {
				s.rep.warn("%s %s: slug %q is taken in %s; it is now %q", kind, postID, base, lang, slug)
			}
			return slug, err
		}
	}
}

// upsert creates or updates one imported item of a kind (comment, brief) by its source
// id: created when it was never imported, left alone when its hash is unchanged, else
// updated; then the import map records it. It counts the outcome in the report.
func (s *sink) upsert(kind, srcID, hash string, create func() (int64, error), update func(id int64) error) error {
	id, oldHash, err := s.previous(kind, srcID)
	cnt := s.rep.count(kind)
	switch {
	case errors.Is(err, content.ErrNotFound):
		if id, err = create(); err != nil {
			return err
		}
		cnt.Created++
	case err != nil:
		return err
	case oldHash == hash:
		cnt.Unchanged++
		return nil
	default:
		if err := update(id); err != nil {
			return err
		}
		cnt.Updated++
	}
	return s.b.RecordImport(s.ctx, s.source, kind, srcID, id, hash, s.now)
}

// finish keeps the categories' old URLs and sets the featured images, now that every post
// and attachment has been seen.
func (s *sink) finish() error {
	if err := s.media.settle(s.ctx, s.tx, s.attachments, s.md); err != nil { // media.go
		return err
	}
	if err := s.legacyCategories(); err != nil {
		return err
	}
	for _, t := range s.thumbs {
		if err := s.stop.Err(); err != nil {
			return err
		}
		u, ok := s.attachments[t.attachment]
		if !ok {
			s.rep.warn("featured image %s of a post is not in the export", t.attachment)
			continue
		}
		img, ok, err := s.media.ingest(s.ctx, s.tx, u, t.alt)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := s.tx.SetLeadImage(s.ctx, t.articleID, img); err != nil {
			return err
		}
		s.rep.count("image").Created++
	}
	return nil
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
