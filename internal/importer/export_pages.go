package importer

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// The export of the site's pages and of its authors' profiles (export.go writes the rest).
//
// A page is an item of WordPress's post type "page": its title, slug, status (publish or
// draft), rendered body and, as the stories do, its Markdown, language and translation
// group in _newsdesk_* custom fields, with whether the footer lists it and where
// (_newsdesk_in_footer, _newsdesk_position; the position is also WordPress's menu_order).
//
// An author's profile travels in its wp:author element: WordPress's own fields hold the
// slug (the login) and the name (the display name); what WordPress's format has no field
// for — the role, the name, role and bio in each language, the links — is in
// <wp:authormeta> elements, written as the terms' and comments' metadata are
// (_newsdesk_role; _newsdesk_texts, a JSON object of language code to {name, role, bio};
// _newsdesk_links, a JSON array of {label, url} in order). WordPress's importer passes
// them over. The photo, an image, is not exported, as images are not.

// Meta keys of an exported author's profile.
const (
	authorMetaRole  = "_newsdesk_role"
	authorMetaTexts = "_newsdesk_texts"
	authorMetaLinks = "_newsdesk_links"
)

// exportAuthor writes an author as a wp:author, with their profile as metadata.
func exportAuthor(x *xw, a ExportAuthor) {
	x.raw("<wp:author>")
	x.el("wp:author_id", strconv.FormatInt(a.ID, 10))
	x.el("wp:author_login", a.Slug)
	x.el("wp:author_email", a.Email)
	x.cdata("wp:author_display_name", a.Name)
	if a.Role != "" {
		x.authormeta(authorMetaRole, a.Role)
	}
	if len(a.Texts) > 0 {
		x.authormeta(authorMetaTexts, jsonMeta(a.Texts))
	}
	if len(a.Links) > 0 {
		x.authormeta(authorMetaLinks, jsonMeta(a.Links))
	}
	x.raw("</wp:author>\n")
}

// jsonMeta is v as JSON (maps with sorted keys), for a meta value.
func jsonMeta(v any) string {
	b, err := json.Marshal(v)
	if err != nil { // texts and links are strings: cannot happen
		return ""
	}
	return string(b)
}

// exportPages writes every page as a WordPress page, with post ids after offset (the last
// post id of the stories and briefs), and returns how many it wrote.
func exportPages(x *xw, base string, offset int64, pages []ExportPage) int {
	for _, p := range pages {
		exportSitePage(x, base, offset, p)
	}
	return len(pages)
}

func exportSitePage(x *xw, base string, offset int64, p ExportPage) {
	id := strconv.FormatInt(offset+p.ID, 10)
	date := p.PublishedAt
	if date.IsZero() {
		date = p.CreatedAt
	}
	status := "draft"
	if p.Status == content.StatusPublished {
		status = "publish"
	}
	x.raw("<item>")
	x.el("title", p.Title)
	x.el("link", base+content.PagePath(p.Language, p.Slug))
	x.el("pubDate", date.UTC().Format(time.RFC1123Z))
	x.cdata("dc:creator", "")
	x.raw(`<guid isPermaLink="false">` + xmlText(base+"/?page_id="+id) + "</guid>")
	x.el("description", "")
	x.cdata("content:encoded", p.BodyHTML)
	x.cdata("excerpt:encoded", "")
	x.el("wp:post_id", id)
	x.el("wp:post_date", wpDate(date))
	x.el("wp:post_date_gmt", wpDate(p.PublishedAt))
	x.el("wp:post_modified", wpDate(p.UpdatedAt))
	x.el("wp:post_modified_gmt", wpDate(p.UpdatedAt))
	x.el("wp:comment_status", "closed")
	x.el("wp:ping_status", "closed")
	x.el("wp:post_name", p.Slug)
	x.el("wp:status", status)
	x.el("wp:post_parent", "0")
	x.el("wp:menu_order", strconv.Itoa(p.Position))
	x.el("wp:post_type", "page")
	x.el("wp:post_password", "")
	x.el("wp:is_sticky", "0")
	meta := [][2]string{
		{"_newsdesk_language", p.Language}, {"_newsdesk_status", string(p.Status)}, {"_newsdesk_markdown", p.BodyMD},
		{"_newsdesk_in_footer", boolMeta(p.InFooter)}, {"_newsdesk_position", strconv.Itoa(p.Position)},
		{"_newsdesk_created", us(p.CreatedAt)}, {"_newsdesk_published", us(p.PublishedAt)}, {"_newsdesk_updated", us(p.UpdatedAt)},
	}
	if p.GroupID != 0 { // 0 links the page to no other: no group, rather than one group of all such pages
		meta = append(meta, [2]string{"_newsdesk_group", strconv.FormatInt(p.GroupID, 10)})
	}
	for _, u := range p.LegacyURLs {
		meta = append(meta, [2]string{"_newsdesk_legacy_path", u})
	}
	for _, m := range meta {
		x.postmeta(m[0], m[1])
	}
	x.raw("</item>\n")
}

func (x *xw) authormeta(k, v string) { x.meta("wp:authormeta", k, v) }
