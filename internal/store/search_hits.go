package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/search"
)

// snippetWords is the length of a result's snippet in words.
const snippetWords = 30

// searchHits loads the stories and briefs of a page of results, in order, with their
// snippets. A public search checks each against the visibility rule once more, so that
// nothing the public may not see is ever shown, whatever the index holds.
func (s *Store) searchHits(ctx context.Context, r search.Request, page []foundDoc, plans map[string]langPlan) ([]search.Hit, error) {
	ids := make([]any, len(page))
	for i, f := range page {
		ids[i] = f.id
	}
	rows, err := s.db.QueryContext(ctx, s.q("SELECT doc_id, kind, ref_id FROM search_docs WHERE doc_id IN ("+placeholders(len(ids))+")"), ids...)
	if err != nil {
		return nil, fmt.Errorf("load search results: %w", err)
	}
	type ref struct {
		kind string
		id   int64
	}
	refs := map[int64]ref{}
	var articleIDs, briefIDs []any
	for rows.Next() {
		var doc int64
		var rf ref
		if err := rows.Scan(&doc, &rf.kind, &rf.id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan search result: %w", err)
		}
		refs[doc] = rf
		if rf.kind == search.KindBrief {
			briefIDs = append(briefIDs, rf.id)
		} else {
			articleIDs = append(articleIDs, rf.id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load search results: %w", err)
	}
	type loaded struct {
		hit  search.Hit
		text string // what the snippet is cut from
		ok   bool
	}
	byRef := map[ref]loaded{}
	if len(articleIDs) > 0 {
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT a.id, a.language, a.section_id, sec.key, sn.name, sn.slug, a.headline,
			a.standfirst, SUBSTR(a.body_html, 1, 4000), a.slug, a.status, a.published_at, a.updated_at, a.embargo_until
			FROM articles a JOIN sections sec ON sec.id = a.section_id
			JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
			WHERE a.id IN (`+placeholders(len(articleIDs))+")"), articleIDs...)
		if err != nil {
			return nil, fmt.Errorf("load found articles: %w", err)
		}
		for rows.Next() {
			var a content.Article
			var status, standfirst, body string
			var pub, upd, emb int64
			if err := rows.Scan(&a.ID, &a.Language, &a.Section.ID, &a.Section.Key, &a.Section.Name, &a.Section.Slug,
				&a.Headline, &standfirst, &body, &a.Slug, &status, &pub, &upd, &emb); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan found article: %w", err)
			}
			a.Status, a.PublishedAt, a.UpdatedAt, a.EmbargoUntil = content.Status(status), fromMicros(pub), fromMicros(upd), fromMicros(emb)
			if !r.Newsroom && !a.PublicAt(r.Now) {
				continue
			}
			text := standfirst
			if b := search.PlainText(cutUTF8(body, 4000)); b != "" {
				text = strings.TrimSpace(text + " " + b)
			}
			byRef[ref{search.KindArticle, a.ID}] = loaded{ok: true, text: text, hit: search.Hit{Kind: search.KindArticle,
				ID: a.ID, Language: a.Language, Section: a.Section, Headline: a.Headline,
				URL: content.ArticlePath(a.Language, a.Section.Slug, a.Slug), PublishedAt: a.PublishedAt,
				UpdatedAt: a.UpdatedAt, Status: a.Status}}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("load found articles: %w", err)
		}
	}
	if len(briefIDs) > 0 {
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT b.id, b.language, b.section_id, sec.key, COALESCE(sn.name, sec.key),
			COALESCE(sn.slug, sec.key), b.text, b.status, b.published_at
			FROM briefs b JOIN sections sec ON sec.id = b.section_id
			LEFT JOIN section_names sn ON sn.section_id = b.section_id AND sn.language = b.language
			WHERE b.id IN (`+placeholders(len(briefIDs))+")"), briefIDs...)
		if err != nil {
			return nil, fmt.Errorf("load found briefs: %w", err)
		}
		for rows.Next() {
			var b content.Brief
			var status string
			var pub int64
			if err := rows.Scan(&b.ID, &b.Language, &b.Section.ID, &b.Section.Key, &b.Section.Name, &b.Section.Slug,
				&b.Text, &status, &pub); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan found brief: %w", err)
			}
			b.Status, b.PublishedAt = content.Status(status), fromMicros(pub)
			if !r.Newsroom && (b.Status != content.StatusPublished || b.PublishedAt.After(r.Now)) {
				continue
			}
			byRef[ref{search.KindBrief, b.ID}] = loaded{ok: true, text: b.Text, hit: search.Hit{Kind: search.KindBrief,
				ID: b.ID, Language: b.Language, Section: b.Section, Headline: content.BriefTitle(b.Text),
				PublishedAt: b.PublishedAt, UpdatedAt: b.PublishedAt, Status: b.Status}}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("load found briefs: %w", err)
		}
	}
	an := s.analyzer()
	hits := make([]search.Hit, 0, len(page))
	for _, f := range page {
		l, ok := byRef[refs[f.id]]
		if !ok || !l.ok {
			continue
		}
		lp := plans[f.lang]
		m := an.Matcher(f.lang, lp.plan, lp.extra)
		l.hit.HeadlineMarks = an.Highlight(l.hit.Headline, m)
		l.hit.Snippet = an.Snippet(l.text, m, snippetWords)
		hits = append(hits, l.hit)
	}
	return hits, nil
}

// cutUTF8 returns at most the first n bytes of s, not cutting a character in two.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
