package importer

import (
	"errors"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/review"
)

// Comments of a post become reader reviews; a Newsdesk brief comes back as a brief.

// comments imports a post's approved and pending comments as reviews, and records them in
// the import map with recs (the post's own record, if it changed).
func (s *sink) comments(p *Post, articleID int64, recs []Record) error {
	// On a first import from the source every comment is new: they are stored together.
	var batch []review.Review
	first := len(recs)
	for i, c := range p.Comments {
		st := c.Meta["_newsdesk_status"]
		if st == "" {
			switch c.Type {
			case "", "comment", "review":
			default:
				s.rep.skip("comment", c.ID, "", c.Type+"s are not imported")
				continue
			}
			switch c.Approved {
			case "1", "approve", "approved":
				st = "approved"
			case "0", "hold":
				st = "pending"
			case "spam":
				s.rep.skip("comment", c.ID, "", "marked as spam")
				continue
			case "trash", "post-trashed":
				s.rep.skip("comment", c.ID, "", "in the trash")
				continue
			default:
				s.rep.skip("comment", c.ID, "", "unknown approval "+strconv.Quote(c.Approved))
				continue
			}
		}
		text := p.prep.comments[i].text
		if text == "" || c.ID == "" {
			s.rep.skip("comment", c.ID, "", "empty")
			continue
		}
		rating, _ := strconv.Atoi(c.Meta["rating"])
		if rating < 0 || rating > 5 {
			rating = 0
		}
		name := strings.TrimSpace(html.UnescapeString(c.Author))
		if name == "" {
			name = "Anonymous"
		}
		r := review.Review{ArticleID: articleID, Name: name, Email: strings.ToLower(c.Email), Rating: rating, Text: text,
			Status: st, CreatedAt: s.times(c.Date, c.DateGMT)}
		if v, _ := strconv.ParseInt(c.Meta["_newsdesk_created"], 10, 64); v != 0 {
			r.CreatedAt = time.UnixMicro(v).UTC()
		}
		if r.CreatedAt.IsZero() {
			r.CreatedAt = s.now
		}
		r.TextHash = p.prep.comments[i].hash
		if s.fresh {
			batch = append(batch, r)
			recs = append(recs, Record{Kind: "comment", SourceID: c.ID, Hash: hashOf(r)})
			continue
		}
		err := s.upsert("comment", c.ID, hashOf(r),
			func() (int64, error) { return s.b.ImportReview(s.ctx, r) },
			func(id int64) error { r.ID = id; return s.tx.ImportUpdateReview(s.ctx, r) })
		if err != nil {
			return err
		}
	}
	if len(batch) > 0 {
		ids, err := s.b.ImportReviews(s.ctx, batch)
		if err != nil {
			return err
		}
		for i, id := range ids {
			recs[first+i].TargetID = id
		}
		s.rep.count("comment").Created += len(batch)
	}
	if len(recs) == 0 {
		return nil
	}
	return s.b.RecordImports(s.ctx, s.source, recs, s.now)
}

// brief imports a Newsdesk brief (post type newsdesk_brief).
func (s *sink) brief(p *Post) error {
	st, why, ok := status(p)
	if !ok {
		s.rep.skip("brief", p.ID, p.Title, why)
		return nil
	}
	s.ours = p.MetaValue("_newsdesk_language") != ""
	lang := s.im.opt.Language
	if l := p.MetaValue("_newsdesk_language"); l != "" {
		lang = l
	}
	if err := s.language(lang, ""); err != nil {
		return err
	}
	br := content.Brief{Language: lang, Status: st, Text: p.MetaValue("_newsdesk_markdown")}
	if br.Text == "" {
		br.Text = plainText(p.Content)
	}
	if br.Text == "" {
		s.rep.skip("brief", p.ID, p.Title, "empty")
		return nil
	}
	br.PublishedAt = s.times(p.Date, p.DateGMT)
	if v, _ := strconv.ParseInt(p.MetaValue("_newsdesk_published"), 10, 64); v != 0 {
		br.PublishedAt = time.UnixMicro(v).UTC()
	}
	if br.PublishedAt.IsZero() {
		br.PublishedAt = s.now
	}
	key, err := s.section(p, lang)
	if err != nil {
		return err
	}
	br.Section.ID = s.sections[key+"\x00"+lang]
	if ref := p.MetaValue("_newsdesk_article"); ref != "" {
		if aid, _, err := s.b.ImportedItem(s.ctx, s.source, "post", ref); err == nil {
			br.ArticleID = aid
		} else if !errors.Is(err, content.ErrNotFound) {
			return err
		}
	}
	hash := hashOf(struct {
		B   content.Brief
		Key string
	}{br, key})
	return s.upsert("brief", p.ID, hash,
		func() (int64, error) { return s.b.Brief(s.ctx, br) },
		func(id int64) error { br.ID = id; return s.tx.UpdateBrief(s.ctx, br) })
}
