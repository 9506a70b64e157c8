package importer

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// Where an imported post is filed and who wrote it: its section, its tags and its author,
// each created on first sight and found again on the next import.

// section files a post in the section of its first category (or "uncategorized").
func (s *sink) section(p *Post, lang string) (string, error) {
	var cat Term
	if len(p.Categories) > 0 {
		cat = p.Categories[0]
	}
	if k := p.MetaValue("_newsdesk_section"); k != "" {
		cat.Slug = k
	}
	if cat.Slug == "" {
		cat = Term{Slug: "uncategorized", Name: "Uncategorized"}
	}
	key := content.Slugify(cat.Slug)
	if !content.ValidSlug(key) {
		key = content.Slugify(cat.Name)
	}
	if key == "" {
		key = "uncategorized"
	}
	ck := key + "\x00" + lang
	if id, ok := s.sections[ck]; ok {
		if len(p.Categories) > 0 {
			s.legacyCategory(p.Categories[0].Slug, "section", id, lang)
		}
		return key, nil
	}
	full := s.terms["category\x00"+cat.Slug]
	name, slug := s.termName(cat.Name), key
	if full.Name != "" {
		name = s.termName(full.Name)
	}
	if v := full.Meta["newsdesk_name_"+lang]; v != "" {
		name = v
	}
	if v := full.Meta["newsdesk_slug_"+lang]; v != "" {
		slug = v
	}
	if name == "" {
		name = key
	}
	id, err := s.tx.ImportSection(s.ctx, key, lang, name, slug)
	if err != nil {
		return "", fmt.Errorf("section for category %q: %w", cat.Slug, err)
	}
	s.sections[ck] = id
	if s.ours {
		if err := s.ownTermURLs(full, "section", id, lang); err != nil {
			return "", err
		}
	} else if len(p.Categories) > 0 {
		s.legacyCategory(p.Categories[0].Slug, "section", id, lang)
	}
	return key, nil
}

// articleTags gives a its tags (a post's tags, then its other categories) and their ids.
func (s *sink) articleTags(p *Post, lang string, a *content.Article) ([]int64, error) {
	terms := append([]Term(nil), p.Tags...)
	if len(p.Categories) > 1 {
		terms = append(terms, p.Categories[1:]...)
	}
	var ids []int64
	seen := map[string]bool{}
	for i, t := range terms {
		name := s.termName(t.Name)
		slug := t.Slug
		if u, err := url.PathUnescape(slug); err == nil {
			slug = u
		}
		if !content.ValidSlug(slug) {
			slug = content.Slugify(slug)
		}
		if slug == "" {
			slug = content.Slugify(name)
		}
		if slug == "" {
			continue
		}
		if seen[slug] {
			if i >= len(p.Tags) { // a category that is also one of the post's tags
				s.legacyCategory(t.Slug, "tag", s.tags[lang+"\x00"+slug], lang)
			}
			continue
		}
		if name == "" {
			name = slug
		}
		seen[slug] = true
		tag := content.Tag{Name: name, Slug: slug}
		a.Tags = append(a.Tags, tag)
		key := lang + "\x00" + slug
		id, ok := s.tags[key]
		if !ok {
			var err error
			if id, err = s.b.Tag(s.ctx, lang, tag); err != nil {
				return nil, err
			}
			s.tags[key] = id
			// /tag/x/ leads to the tag (a Newsdesk export carries its tags' old URLs).
			if s.ours {
				if err := s.ownTermURLs(s.terms["tag\x00"+t.Slug], "tag", id, lang); err != nil {
					return nil, err
				}
			} else if i < len(p.Tags) {
				if err := s.legacyTerm("tag", t.Slug, "tag", id, lang); err != nil {
					return nil, err
				}
			}
		}
		if i >= len(p.Tags) {
			// A category that is not the post's first leads to its tag, unless it is a
			// section elsewhere (legacyCategory).
			s.legacyCategory(t.Slug, "tag", id, lang)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (s *sink) authorName(login string) string {
	if a, ok := s.authors[login]; ok && a.Name != "" {
		return a.Name
	}
	return login
}

// author returns the author for a login, creating a disabled user without a password (to
// be invited) and an author linked to it the first time.
func (s *sink) author(login string) (int64, error) {
	if id, ok := s.authorIDs[login]; ok {
		return id, nil
	}
	a := s.authors[login]
	name := s.authorName(login)
	slug := content.Slugify(login)
	if slug == "" {
		slug = content.Slugify(name)
	}
	if slug == "" {
		slug = "author"
	}
	email := strings.ToLower(strings.TrimSpace(a.Email))
	if !strings.Contains(email, "@") {
		email = slug + "@imported.invalid"
	}
	uid, _, err := s.b.ImportedItem(s.ctx, s.source, "author", login)
	if errors.Is(err, content.ErrNotFound) {
		uid, err = s.tx.ImportUser(s.ctx, account.User{Email: email, Name: name, Role: account.RoleCorrespondent,
			Disabled: true, CreatedAt: s.now})
		if err != nil {
			return 0, err
		}
		if err := s.b.RecordImport(s.ctx, s.source, "author", login, uid, "", s.now); err != nil {
			return 0, err
		}
		s.rep.count("user").Created++
	} else if err != nil {
		return 0, err
	} else {
		s.rep.count("user").Unchanged++
	}
	id, err := s.tx.ImportAuthor(s.ctx, content.Author{Name: name, Slug: slug}, uid)
	if err != nil {
		return 0, err
	}
	if role, texts, links := s.profileOf(login, a.Meta); role != "" || len(texts) > 0 || len(links) > 0 {
		if err := s.tx.ImportAuthorProfile(s.ctx, id, role, texts, links); err != nil {
			return 0, err
		}
	}
	s.authorIDs[login] = id
	return id, nil
}
