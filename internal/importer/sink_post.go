package importer

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsdesk/newsdesk/internal/content"
)

// What the sink decides about a post from what the export says of it: its title as text,
// its times when it has none, whether it is for some readers only, and whether it is a story of this very database (an import of the site's own export).

// htmlText turns a title or a term's name written in HTML (WordPress keeps what the author
// typed: <em>, entities) into one line of text, its entities decoded once.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(collapse(s))
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0 // inside <script> or <style>
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.TrimSpace(collapse(b.String()))
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Br, atom.P, atom.Div, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				b.WriteByte(' ')
			}
		}
	}
}

// headline is the story's headline: WordPress titles are HTML, stripped to text; Ghost's and
// Newsdesk's own are text already.
func (s *sink) headline(p *Post) string {
	if s.format == "wordpress" && !s.ours {
		return htmlText(p.Title)
	}
	return strings.TrimSpace(p.Title)
}

// termName is a category's or tag's name as text (see headline).
func (s *sink) termName(name string) string {
	if s.format == "wordpress" && !s.ours {
		return htmlText(name)
	}
	return strings.TrimSpace(name)
}

// dates sets a story's publication, update and creation times from the post's, in UTC. A
// post without a date (WordPress writes 0000-00-00 00:00:00 for drafts and some imported
// posts) takes its other date, then the export's: the same file gives the same times. What
// is still zero then is stamped with the import's time by stamp, after the story's hash is
// taken, so that importing the file again changes nothing.
func (s *sink) dates(p *Post, a *content.Article) {
	a.PublishedAt = s.times(p.Date, p.DateGMT)
	a.UpdatedAt = s.times(p.Modified, p.ModifiedGMT)
	for _, t := range []*time.Time{&a.PublishedAt, &a.UpdatedAt} {
		if t.IsZero() {
			*t = firstSet(a.PublishedAt, a.UpdatedAt, s.exported)
		}
	}
	a.CreatedAt = a.PublishedAt
	if a.Status == content.StatusDraft {
		// A draft's dates are when it was last worked on, not a publication.
		a.PublishedAt = time.Time{}
	}
}

// stamp gives the import's time to the times a story still lacks (see dates).
func (s *sink) stamp(a *content.Article) {
	if a.CreatedAt.IsZero() {
		a.CreatedAt = firstSet(a.PublishedAt, a.UpdatedAt, s.now)
	}
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = a.CreatedAt
	}
	if a.PublishedAt.IsZero() && (a.Status == content.StatusPublished || a.Status == content.StatusScheduled) {
		a.PublishedAt = a.CreatedAt
	}
}

func firstSet(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// protect keeps a post that is for some readers only (p.Protected) off the public site: it
// comes over as a draft, listed in the report, until an editor publishes it.
func (s *sink) protect(p *Post, st content.Status) content.Status {
	if p.Protected == "" || s.ours {
		return st
	}
	was := ""
	if st != content.StatusDraft {
		was = fmt.Sprintf(" (was %s)", p.Status)
	}
	s.rep.protect(p.ID, s.headline(p), p.Protected+was)
	return content.StatusDraft
}

// ownStory refuses a story of a Newsdesk export that is this database's own: the story the
// export's post id names is here, in the same language, created at the same microsecond.
// Importing a site's own export into it would add every story a second time.
func (s *sink) ownStory(p *Post, a *content.Article) error {
	var id int64
	if _, err := fmt.Sscan(p.ID, &id); err != nil || id <= 0 || a.CreatedAt.IsZero() {
		return nil
	}
	here, err := s.b.HasArticle(s.ctx, id, a.Language, a.CreatedAt)
	if err != nil || !here {
		return err
	}
	return fmt.Errorf("this file is an export of this database: its story %s %q (%s) is already here as story %d; "+
		"importing a site's own export would duplicate every story (import it into an empty database instead)",
		p.ID, a.Headline, a.Language, id)
}
