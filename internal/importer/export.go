package importer

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// ExportOptions tune Export.
type ExportOptions struct {
	// BaseURL is the site's public address, for links (and the source an import of the file
	// records, so importing it twice changes nothing).
	BaseURL string
	Now     func() time.Time
}

// ExportStats counts what Export wrote.
type ExportStats struct {
	Articles, Briefs, Reviews, Sections, Authors, Pages int
}

// exportPage is how many stories Export reads at a time.
const exportPage = 500

// Export writes the whole site as a WordPress eXtended RSS 1.2 file: stories as posts (their
// Markdown, languages, translation groups and agency fields in _newsdesk_* custom fields, so
// that an import of the file into Newsdesk reproduces them exactly), briefs as posts of type
// newsdesk_brief, pages as WordPress pages, reviews as comments, sections as categories (with
// each language's name and slug as term metadata), tags, and authors with their profiles
// (export_pages.go).
func Export(ctx context.Context, st Store, w io.Writer, opt ExportOptions) (ExportStats, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	base := strings.TrimRight(opt.BaseURL, "/")
	var stats ExportStats
	bw := bufio.NewWriterSize(w, 64<<10)
	x := &xw{w: bw}
	langs, err := st.Languages(ctx)
	if err != nil {
		return stats, err
	}
	title, lang := "Newsdesk", "en"
	if len(langs) > 0 {
		title, lang = langs[0].SiteName, langs[0].Code
	}
	x.raw(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- This is a WordPress eXtended RSS file written by Newsdesk: import it into WordPress with its importer, or into Newsdesk with "newsdesk import wordpress". -->
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
`)
	x.el("title", title)
	x.el("link", base)
	x.el("description", "")
	x.el("pubDate", opt.Now().UTC().Format(time.RFC1123Z))
	x.el("language", lang)
	x.el("wp:wxr_version", "1.2")
	x.el("wp:base_site_url", base)
	x.el("wp:base_blog_url", base)
	authors, err := st.ExportAuthors(ctx)
	if err != nil {
		return stats, err
	}
	for _, a := range authors {
		exportAuthor(x, a) // with their profile (export_pages.go)
		stats.Authors++
	}
	sections, err := st.ExportSections(ctx)
	if err != nil {
		return stats, err
	}
	termURLs, err := st.ExportTermURLs(ctx)
	if err != nil {
		return stats, err
	}
	sectionURLs, tagURLs := groupTermURLs(termURLs)
	for _, s := range sections {
		x.raw("<wp:category>")
		x.el("wp:term_id", strconv.FormatInt(s.ID, 10))
		x.el("wp:category_nicename", s.Key)
		x.el("wp:category_parent", "")
		name := s.Key
		if n, ok := s.Names[lang]; ok {
			name = n.Name
		}
		x.cdata("wp:cat_name", name)
		for _, l := range langs {
			if n, ok := s.Names[l.Code]; ok {
				x.termmeta("newsdesk_name_"+l.Code, n.Name)
				x.termmeta("newsdesk_slug_"+l.Code, n.Slug)
			}
		}
		for _, lp := range sectionURLs[s.Key] {
			x.termmeta(LegacyTermMeta+lp.lang, strings.Join(lp.paths, "\n"))
		}
		x.raw("</wp:category>\n")
		stats.Sections++
	}
	var lastTerm int64
	for _, s := range sections {
		lastTerm = max(lastTerm, s.ID)
	}
	exportTags(x, tagURLs, lastTerm)
	x.el("generator", "Newsdesk")
	var maxID, after int64
	for {
		page, err := st.ExportArticles(ctx, after, exportPage)
		if err != nil {
			return stats, err
		}
		for i := range page {
			exportArticle(x, base, &page[i])
			stats.Articles++
			stats.Reviews += len(page[i].Reviews)
			after = page[i].ID
			maxID = max(maxID, after)
		}
		if x.err != nil {
			return stats, fmt.Errorf("write export: %w", x.err)
		}
		if len(page) < exportPage {
			break
		}
	}
	after, lastPost := 0, maxID
	for {
		page, err := st.ExportBriefs(ctx, after, exportPage)
		if err != nil {
			return stats, err
		}
		for _, b := range page {
			exportBrief(x, base, maxID, b)
			stats.Briefs++
			after = b.ID
			lastPost = max(lastPost, maxID+b.ID)
		}
		if x.err != nil {
			return stats, fmt.Errorf("write export: %w", x.err)
		}
		if len(page) < exportPage {
			break
		}
	}
	pages, err := st.ExportPages(ctx)
	if err != nil {
		return stats, err
	}
	stats.Pages = exportPages(x, base, lastPost, pages)
	x.raw("</channel>\n</rss>\n")
	if x.err == nil {
		x.err = bw.Flush()
	}
	if x.err != nil {
		return stats, fmt.Errorf("write export: %w", x.err)
	}
	return stats, nil
}

// langPaths are a term's old URLs in one language.
type langPaths struct {
	lang  string
	paths []string
}

// termURLs are a tag's old URLs, language by language.
type termURLs struct {
	slug, name string
	id         int
	byLang     []langPaths
}

// groupTermURLs groups the old URLs of sections by key and of tags by slug (in the order
// ExportTermURLs gives: key or slug, language, path).
func groupTermURLs(us []ExportTermURL) (map[string][]langPaths, []termURLs) {
	sections := map[string][]langPaths{}
	var tags []termURLs
	add := func(list []langPaths, u ExportTermURL) []langPaths {
		if n := len(list); n > 0 && list[n-1].lang == u.Lang {
			list[n-1].paths = append(list[n-1].paths, u.Path)
			return list
		}
		return append(list, langPaths{lang: u.Lang, paths: []string{u.Path}})
	}
	for _, u := range us {
		switch u.Kind {
		case "section":
			sections[u.Key] = add(sections[u.Key], u)
		case "tag":
			if n := len(tags); n == 0 || tags[n-1].slug != u.Key {
				tags = append(tags, termURLs{slug: u.Key, name: u.Name, id: n + 1})
			}
			t := &tags[len(tags)-1]
			t.byLang = add(t.byLang, u)
		}
	}
	return sections, tags
}

// exportTags writes the tags that old URLs lead to, with those URLs as term metadata (the
// other tags travel with their posts only); their term ids follow the sections' last.
func exportTags(x *xw, tags []termURLs, lastTerm int64) {
	for _, t := range tags {
		x.raw("<wp:tag>")
		x.el("wp:term_id", strconv.FormatInt(lastTerm+int64(t.id), 10))
		x.cdata("wp:tag_slug", t.slug)
		x.cdata("wp:tag_name", t.name)
		for _, lp := range t.byLang {
			x.termmeta(LegacyTermMeta+lp.lang, strings.Join(lp.paths, "\n"))
		}
		x.raw("</wp:tag>\n")
	}
}

func wpStatus(s content.Status) string {
	switch s {
	case content.StatusPublished:
		return "publish"
	case content.StatusScheduled:
		return "future"
	case content.StatusSubmitted:
		return "pending"
	case content.StatusUnpublished:
		return "private"
	}
	return "draft"
}

func wpDate(t time.Time) string {
	if t.IsZero() {
		return "0000-00-00 00:00:00"
	}
	return t.UTC().Format(wpTime)
}

func us(t time.Time) string {
	if t.IsZero() {
		return "0"
	}
	return strconv.FormatInt(t.UnixMicro(), 10)
}

func boolMeta(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func exportArticle(x *xw, base string, a *ExportArticle) {
	id := strconv.FormatInt(a.ID, 10)
	x.raw("<item>")
	x.el("title", a.Headline)
	x.el("link", base+content.ArticlePath(a.Language, a.Section.Slug, a.Slug))
	date := a.PublishedAt
	if date.IsZero() {
		date = a.CreatedAt
	}
	x.el("pubDate", date.UTC().Format(time.RFC1123Z))
	x.cdata("dc:creator", a.Author.Slug)
	x.raw(`<guid isPermaLink="false">` + xmlText(base+"/?p="+id) + "</guid>")
	x.el("description", "")
	x.cdata("content:encoded", a.BodyHTML)
	x.cdata("excerpt:encoded", a.Standfirst)
	x.el("wp:post_id", id)
	x.el("wp:post_date", wpDate(date))
	x.el("wp:post_date_gmt", wpDate(a.PublishedAt))
	x.el("wp:post_modified", wpDate(a.UpdatedAt))
	x.el("wp:post_modified_gmt", wpDate(a.UpdatedAt))
	cs := "open"
	if a.ReviewsClosed {
		cs = "closed"
	}
	x.el("wp:comment_status", cs)
	x.el("wp:ping_status", "closed")
	x.el("wp:post_name", a.Slug)
	x.el("wp:status", wpStatus(a.Status))
	x.el("wp:post_parent", "0")
	x.el("wp:menu_order", "0")
	x.el("wp:post_type", "post")
	x.el("wp:post_password", "")
	x.el("wp:is_sticky", boolMeta(a.Lead))
	x.raw(`<category domain="category" nicename="` + xmlText(a.Section.Key) + `">`)
	x.cdataText(a.Section.Name)
	x.raw("</category>")
	for _, t := range a.Tags {
		x.raw(`<category domain="post_tag" nicename="` + xmlText(t.Slug) + `">`)
		x.cdataText(t.Name)
		x.raw("</category>")
	}
	meta := [][2]string{
		{"_newsdesk_language", a.Language}, {"_newsdesk_section", a.Section.Key}, {"_newsdesk_status", string(a.Status)},
		{"_newsdesk_markdown", a.BodyMD}, {"_newsdesk_standfirst", a.Standfirst}, {"_newsdesk_group", strconv.FormatInt(a.GroupID, 10)},
		{"_newsdesk_byline", a.Byline}, {"_newsdesk_byline_role", a.BylineRole}, {"_newsdesk_dateline", a.Dateline},
		{"_newsdesk_slugline", a.Slugline}, {"_newsdesk_urgency", strconv.Itoa(a.Urgency)}, {"_newsdesk_signoff", a.Signoff},
		{"_newsdesk_lead", boolMeta(a.Lead)}, {"_newsdesk_reviews_closed", boolMeta(a.ReviewsClosed)},
		{"_newsdesk_created", us(a.CreatedAt)}, {"_newsdesk_published", us(a.PublishedAt)}, {"_newsdesk_updated", us(a.UpdatedAt)},
		{"_newsdesk_embargo_until", us(a.EmbargoUntil)}, {"_newsdesk_first_published", us(a.FirstPublishedAt)},
	}
	for _, s := range a.OldSlugs {
		meta = append(meta, [2]string{"_newsdesk_old_slug", s})
	}
	for _, p := range a.LegacyURLs {
		meta = append(meta, [2]string{"_newsdesk_legacy_path", p})
	}
	for _, m := range meta {
		x.postmeta(m[0], m[1])
	}
	for _, r := range a.Reviews {
		approved := map[string]string{"approved": "1", "pending": "0", "spam": "spam", "rejected": "trash"}[r.Status]
		if approved == "" {
			approved = "0"
		}
		x.raw("<wp:comment>")
		x.el("wp:comment_id", strconv.FormatInt(r.ID, 10))
		x.cdata("wp:comment_author", r.Name)
		x.el("wp:comment_author_email", r.Email)
		x.el("wp:comment_author_url", "")
		x.el("wp:comment_author_IP", "")
		x.el("wp:comment_date", wpDate(r.CreatedAt))
		x.el("wp:comment_date_gmt", wpDate(r.CreatedAt))
		x.cdata("wp:comment_content", r.Text)
		x.el("wp:comment_approved", approved)
		x.el("wp:comment_type", "comment")
		x.el("wp:comment_parent", "0")
		x.el("wp:comment_user_id", "0")
		for _, m := range [][2]string{{"rating", strconv.Itoa(r.Rating)}, {"_newsdesk_status", r.Status}, {"_newsdesk_created", us(r.CreatedAt)}} {
			x.raw("<wp:commentmeta>")
			x.el("wp:meta_key", m[0])
			x.cdata("wp:meta_value", m[1])
			x.raw("</wp:commentmeta>")
		}
		x.raw("</wp:comment>\n")
	}
	x.raw("</item>\n")
}

func exportBrief(x *xw, base string, offset int64, b content.Brief) {
	id := strconv.FormatInt(offset+b.ID, 10)
	x.raw("<item>")
	// WordPress needs a title for every post. This one is the brief's opening cut short for
	// WordPress's lists, not the brief's title (content.BriefTitle): the import reads the
	// text from _newsdesk_markdown and ignores it.
	x.el("title", content.ShortenRunes(strings.TrimSpace(b.Text), wordPressTitleRunes))
	x.el("link", base+content.SectionPath(b.Language, b.Section.Slug)+"briefs/")
	x.el("pubDate", b.PublishedAt.UTC().Format(time.RFC1123Z))
	x.cdata("dc:creator", "")
	x.raw(`<guid isPermaLink="false">` + xmlText(base+"/?p="+id) + "</guid>")
	x.el("description", "")
	x.cdata("content:encoded", "<p>"+html.EscapeString(b.Text)+"</p>")
	x.cdata("excerpt:encoded", "")
	x.el("wp:post_id", id)
	x.el("wp:post_date", wpDate(b.PublishedAt))
	x.el("wp:post_date_gmt", wpDate(b.PublishedAt))
	x.el("wp:comment_status", "closed")
	x.el("wp:post_name", "brief-"+strconv.FormatInt(b.ID, 10))
	x.el("wp:status", wpStatus(b.Status))
	x.el("wp:post_type", "newsdesk_brief")
	x.raw(`<category domain="category" nicename="` + xmlText(b.Section.Key) + `">`)
	x.cdataText(b.Section.Name)
	x.raw("</category>")
	meta := [][2]string{{"_newsdesk_language", b.Language}, {"_newsdesk_section", b.Section.Key},
		{"_newsdesk_status", string(b.Status)}, {"_newsdesk_markdown", b.Text}, {"_newsdesk_published", us(b.PublishedAt)}}
	if b.ArticleID != 0 {
		meta = append(meta, [2]string{"_newsdesk_article", strconv.FormatInt(b.ArticleID, 10)})
	}
	for _, m := range meta {
		x.postmeta(m[0], m[1])
	}
	x.raw("</item>\n")
}

// wordPressTitleRunes is how much of a brief's opening the export gives WordPress as
// the post's title.
const wordPressTitleRunes = 80

// xw writes XML, keeping the first error.
type xw struct {
	w   *bufio.Writer
	err error
}

func (x *xw) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(validXML(s)))
	return b.String()
}

// validXML drops the characters XML 1.0 cannot hold (control characters but tab and newlines).
func validXML(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
			return r
		}
		return -1
	}, s)
}

func (x *xw) el(name, text string) { x.raw("<" + name + ">" + xmlText(text) + "</" + name + ">") }

func (x *xw) cdataText(s string) {
	s = validXML(s)
	x.raw("<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>")
}

func (x *xw) cdata(name, text string) {
	x.raw("<" + name + ">")
	x.cdataText(text)
	x.raw("</" + name + ">")
}

// meta writes a metadata element (wp:postmeta, wp:termmeta …) of key k and value v.
func (x *xw) meta(el, k, v string) {
	x.raw("<" + el + ">")
	x.el("wp:meta_key", k)
	x.cdata("wp:meta_value", v)
	x.raw("</" + el + ">")
}

func (x *xw) postmeta(k, v string) { x.meta("wp:postmeta", k, v) }

func (x *xw) termmeta(k, v string) { x.meta("wp:termmeta", k, v) }
