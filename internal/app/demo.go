package app

import (
	"bytes"
	"context"
	"fmt"
	"image/jpeg"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/brand"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/demo"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/store"
)

// DemoLogin is the newsroom account the demo edition creates.
const DemoLogin = "editor@demo.newsdesk.test"

var demoLanguages = []content.Language{
	{Code: "en", Name: "English", Position: 1},
	{Code: "ru", Name: "Русский", Position: 2},
	{Code: "az", Name: "Azərbaycanca", Position: 3},
}

// SeedDemo fills an empty database with the demo edition, in one transaction, and prints
// the newsroom login it created. On a database with content it adds nothing and says so.
// The stories have no pictures: SeedDemoWithPictures.
func SeedDemo(ctx context.Context, st *store.Store, out io.Writer) error {
	return SeedDemoWithPictures(ctx, st, nil, out)
}

// SeedDemoWithPictures is SeedDemo with the demo's drawn pictures taken into ms (the
// site's media directory) and shown as the lead images of their stories (ms nil: none).
func SeedDemoWithPictures(ctx context.Context, st *store.Store, ms *media.Store, out io.Writer) error {
	empty, err := st.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		fmt.Fprintln(out, "The database already has content: --demo added nothing.")
		return nil
	}
	password, err := account.RandomPassword()
	if err != nil {
		return err
	}
	hash, err := account.HashPassword(password)
	if err != nil {
		return err
	}
	ed := demo.New()
	pictures, err := drawPictures(ctx, ms, ed.Pictures)
	if err != nil {
		return err
	}
	if err := st.WithTx(ctx, func(tx *store.Tx) error {
		return loadEdition(ctx, tx, ed, pictures, time.Now().UTC(), content.NewRenderer())
	}); err != nil {
		return err
	}
	if err := st.WithTx(ctx, func(tx *store.Tx) error {
		_, err := tx.CreateUser(ctx, account.User{Email: DemoLogin, Name: "Demo Editor", Role: account.RoleAdmin,
			PasswordHash: hash, CreatedAt: time.Now()})
		return err
	}); err != nil {
		return err
	}
	if err := seedDemoReads(ctx, st, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(out, "Demo edition created (fictional stories in English, Russian and Azerbaijani).\n")
	fmt.Fprintf(out, "Newsroom login: %s  password: %s\n", DemoLogin, password)
	return nil
}

// seedDemoReads gives the demo's newest stories of each language a morning of readers, so
// that its "Most read" lists show (they look back 24 hours: an older demo database loses
// them, and counts its visitors instead).
func seedDemoReads(ctx context.Context, st *store.Store, now time.Time) error {
	readers := []int64{412, 1380, 655, 97, 2210, 318, 840, 150, 1020, 260, 73, 530}
	langs, err := st.Languages(ctx)
	if err != nil {
		return fmt.Errorf("demo readers: %w", err)
	}
	counts := map[int64]int64{}
	for _, l := range langs {
		list, err := st.PublicArticles(ctx, content.ListQuery{Language: l.Code, Limit: len(readers)}, now)
		if err != nil {
			return fmt.Errorf("demo readers: %w", err)
		}
		for i, a := range list {
			counts[a.ID] = readers[i]
		}
	}
	if err := st.AddReads(ctx, now, counts); err != nil {
		return fmt.Errorf("demo readers: %w", err)
	}
	return nil
}

// drawPictures draws the demo's pictures and takes them into ms, by story key, with their
// texts (the English ones the default); ms nil takes none.
func drawPictures(ctx context.Context, ms *media.Store, pics []demo.Picture) (map[string]content.Image, error) {
	out := map[string]content.Image{}
	if ms == nil {
		return out, nil
	}
	for _, p := range pics {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, p.Image(), &jpeg.Options{Quality: 90}); err != nil {
			return nil, fmt.Errorf("demo picture %s: %w", p.Scene, err)
		}
		m, err := ms.Ingest(ctx, &buf)
		if err != nil {
			return nil, fmt.Errorf("demo picture %s: %w", p.Scene, err)
		}
		img := m.Content()
		img.Alt, img.Caption, img.Credit = p.Alt["en"], p.Caption["en"], p.Credit
		img.Texts = map[string]content.ImageText{}
		for lang, alt := range p.Alt {
			if lang != "en" {
				img.Texts[lang] = content.ImageText{Alt: alt, Caption: p.Caption[lang]}
			}
		}
		out[p.Story] = img
	}
	return out, nil
}

// loadEdition writes an edition into tx, with the pictures of its stories (by story key),
// dating everything relative to now.
func loadEdition(ctx context.Context, tx *store.Tx, ed demo.Edition, pictures map[string]content.Image, now time.Time, md *content.Renderer) error {
	for _, l := range demoLanguages {
		l.SiteName = ed.SiteName[l.Code]
		if err := tx.PutLanguage(ctx, l); err != nil {
			return err
		}
	}
	if err := loadBrand(ctx, tx, ed.Brand); err != nil {
		return err
	}
	sections := map[string]content.Section{}
	for i, sec := range ed.Sections {
		id, err := tx.CreateSection(ctx, store.SectionInput{Key: sec.Key, Position: i + 1, Names: sec.Names, Slugs: sec.Slugs})
		if err != nil {
			return err
		}
		sections[sec.Key] = content.Section{ID: id, Key: sec.Key}
	}
	authors := map[string]demo.Author{}
	authorIDs := map[string]int64{}
	for _, a := range ed.Authors {
		id, err := tx.CreateAuthor(ctx, content.Author{Name: a.Name["en"], Slug: a.Slug, Role: a.Roles["en"]})
		if err != nil {
			return err
		}
		authors[a.Key], authorIDs[a.Key] = a, id
		if err := tx.SaveAuthorProfile(ctx, demoProfile(id, a)); err != nil {
			return err
		}
	}
	storyIDs := map[string]int64{}
	for _, story := range ed.Stories {
		sec, ok := sections[story.Section]
		if !ok {
			return fmt.Errorf("demo story %s: unknown section %s", story.Key, story.Section)
		}
		published := now.Add(-story.Published)
		updated := published
		if story.Updated > 0 {
			updated = now.Add(-story.Updated)
		}
		group, err := tx.NewGroup(ctx, published)
		if err != nil {
			return err
		}
		langs := make([]string, 0, len(story.Versions))
		for l := range story.Versions {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		au := authors[story.Author]
		var lead *content.Image
		if img, ok := pictures[story.Key]; ok {
			id, err := tx.CreateImage(ctx, img, 0)
			if err == nil {
				err = tx.SetImageTexts(ctx, id, img.Texts)
			}
			if err != nil {
				return fmt.Errorf("demo story %s: %w", story.Key, err)
			}
			lead = &content.Image{ID: id}
		}
		for _, lang := range langs {
			v := story.Versions[lang]
			html, err := md.Render(v.Body)
			if err != nil {
				return err
			}
			var tags []content.Tag
			for _, t := range v.Tags {
				tags = append(tags, content.Tag{Name: t})
			}
			id, err := tx.CreateArticle(ctx, content.Article{
				GroupID: group, Language: lang, Section: sec, Author: content.Author{ID: authorIDs[story.Author]},
				Byline: au.Name[lang], BylineRole: au.Roles[lang], Dateline: v.Dateline, Headline: v.Headline,
				Standfirst: v.Standfirst, BodyMD: v.Body, BodyHTML: html, Slug: v.Slug, Status: content.StatusPublished,
				Lead: story.Lead, Tags: tags, LeadImage: lead, CreatedAt: published, PublishedAt: published, UpdatedAt: updated,
			})
			if err != nil {
				return fmt.Errorf("demo story %s/%s: %w", story.Key, lang, err)
			}
			storyIDs[story.Key+"/"+lang] = id
		}
	}
	for _, b := range ed.Briefs {
		sec, ok := sections[b.Section]
		if !ok {
			return fmt.Errorf("demo brief: unknown section %s", b.Section)
		}
		brief := content.Brief{Language: b.Language, Section: sec, Text: b.Text, PublishedAt: now.Add(-b.Ago)}
		if b.Story != "" {
			brief.ArticleID = storyIDs[b.Story+"/"+b.Language]
		}
		if _, err := tx.CreateBrief(ctx, brief); err != nil {
			return err
		}
	}
	return loadPages(ctx, tx, ed.Pages, now, md)
}

// loadPages writes the edition's pages, published and linked to their translations.
func loadPages(ctx context.Context, tx *store.Tx, pages []demo.Page, now time.Time, md *content.Renderer) error {
	for _, pg := range pages {
		first := int64(0)
		for _, lang := range slices.Sorted(maps.Keys(pg.Versions)) {
			v := pg.Versions[lang]
			html, err := md.Render(v.Body)
			if err != nil {
				return err
			}
			id, err := tx.CreatePage(ctx, content.Page{Language: lang, Slug: v.Slug, Title: v.Title, BodyMD: v.Body, BodyHTML: html,
				Status: content.StatusPublished, InFooter: true, Position: pg.Position, CreatedAt: now, UpdatedAt: now, PublishedAt: now})
			if err != nil {
				return fmt.Errorf("demo page %s/%s: %w", pg.Key, lang, err)
			}
			if first == 0 {
				first = id
			} else if err := tx.LinkPage(ctx, id, first); err != nil {
				return fmt.Errorf("demo page %s/%s: %w", pg.Key, lang, err)
			}
		}
	}
	return nil
}

// loadBrand sets the edition's brand: its name, accent and logo (checked as an upload is).
func loadBrand(ctx context.Context, tx *store.Tx, b demo.Brand) error {
	logo, err := brand.Logo(strings.NewReader(b.Logo))
	if err != nil {
		return fmt.Errorf("demo logo: %w", err)
	}
	for k, v := range map[string]string{brand.SettingName: b.Name, brand.SettingAccent: b.Accent, brand.SettingLogo: logo.Encode()} {
		if err := tx.SetSetting(ctx, k, v); err != nil {
			return err
		}
	}
	return nil
}

// demoProfile is the author page of a demo correspondent: name, role and bio per language.
func demoProfile(id int64, a demo.Author) content.AuthorProfile {
	p := content.AuthorProfile{Author: content.Author{ID: id, Name: a.Name["en"], Slug: a.Slug, Role: a.Roles["en"]},
		Texts: map[string]content.AuthorText{}}
	for lang, name := range a.Name {
		p.Texts[lang] = content.AuthorText{Name: name, Role: a.Roles[lang], Bio: a.Bio[lang]}
	}
	for _, l := range a.Links {
		p.Links = append(p.Links, content.AuthorLink{Label: l.Label, URL: l.URL})
	}
	return p
}
