package newsroom_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	pngenc "image/png"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/editorial"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type env struct {
	st                  *store.Store
	dsn                 string
	svc                 *newsroom.Service
	clock               *clock
	corr, corr2, editor account.User
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// newEnv is the newsroom over the demo edition in dsn, with two correspondents and an editor.
func newEnv(t *testing.T, dsn string) *env {
	st := sitekit.Demo(t, dsn)
	e := &env{st: st, dsn: dsn, clock: &clock{t: time.Now().UTC()}}
	e.svc = newsroom.New(st, nil, e.clock.now)
	e.corr = mkUser(t, st, "corr@x.test", account.RoleCorrespondent)
	e.corr2 = mkUser(t, st, "corr2@x.test", account.RoleCorrespondent)
	e.editor = mkUser(t, st, "ed@x.test", account.RoleEditor)
	return e
}

func mkUser(t *testing.T, st *store.Store, email, role string) account.User {
	t.Helper()
	return testkit.AddUser(t, st, account.User{Email: email, Name: email, Role: role, CreatedAt: time.Now()})
}

func story(headline string) newsroom.ArticleInput {
	return newsroom.ArticleInput{Language: "en", Section: "politics", Headline: headline, Standfirst: "Stand.",
		Body: "First paragraph.\n\n> “A quote,” said an official.\n", Byline: "Test Writer", BylineRole: "Moscow correspondent",
		Dateline: "MOSCOW", Tags: []string{"Test tag"}}
}

func TestWorkflow(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		a, err := e.svc.Create(ctx, e.corr, story("Ministers meet over grain corridor"))
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != content.StatusDraft || a.OwnerID != e.corr.ID || a.Version != 1 || a.Slug != "ministers-meet-over-grain-corridor" {
			t.Fatalf("created %+v", a)
		}
		// A correspondent cannot publish, nor touch another's draft.
		if _, _, err := e.svc.Publish(ctx, e.corr, a.ID); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("correspondent publish: %v", err)
		}
		if _, err := e.svc.Update(ctx, e.corr2, a.ID, a.Version, story("Hijack")); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("other correspondent edit: %v", err)
		}
		if _, err := e.svc.Get(ctx, e.corr2, a.ID); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("other correspondent read: %v", err)
		}
		if a, err = e.svc.Submit(ctx, e.corr, a.ID); err != nil || a.Status != content.StatusSubmitted {
			t.Fatalf("submit: %v %s", err, a.Status)
		}
		// Once submitted, the correspondent can no longer edit it.
		if _, err := e.svc.Update(ctx, e.corr, a.ID, a.Version, story("Changed")); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("edit after submit: %v", err)
		}
		if _, err := e.svc.Return(ctx, e.editor, a.ID, ""); err == nil {
			t.Error("return without a note accepted")
		}
		if a, err = e.svc.Return(ctx, e.editor, a.ID, "Add a second source."); err != nil || a.Status != content.StatusDraft || a.ReturnNote != "Add a second source." {
			t.Fatalf("return: %v %+v", err, a)
		}
		if a, err = e.svc.Submit(ctx, e.corr, a.ID); err != nil || a.ReturnNote != "" {
			t.Fatalf("resubmit: %v %q", err, a.ReturnNote)
		}
		a, warnings, err := e.svc.Publish(ctx, e.editor, a.ID)
		if err != nil || a.Status != content.StatusPublished || a.FirstPublishedAt.IsZero() {
			t.Fatalf("publish: %v %+v", err, a)
		}
		if editorial.Blocking(warnings) {
			t.Errorf("unexpected warnings %v", warnings)
		}
		if _, err := e.st.PublicArticle(ctx, "en", a.Slug, e.clock.now().Add(time.Second)); err != nil {
			t.Errorf("published story not public: %v", err)
		}
		// A plain update moves only the updated time; a correction adds a note.
		e.clock.add(time.Hour)
		in := story("Ministers meet over grain corridor")
		in.Standfirst = "Updated standfirst."
		b, err := e.svc.Update(ctx, e.editor, a.ID, a.Version, in)
		if err != nil || !b.UpdatedAt.After(a.UpdatedAt) || len(b.Corrections) != 0 || !b.PublishedAt.Equal(a.PublishedAt) {
			t.Fatalf("update: %v %+v", err, b)
		}
		if b, err = e.svc.Correct(ctx, e.editor, a.ID, "An earlier version misspelt the minister's name."); err != nil || len(b.Corrections) != 1 {
			t.Fatalf("correct: %v %+v", err, b.Corrections)
		}
		if _, err := e.svc.Correct(ctx, e.corr, a.ID, "x"); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("correspondent correction: %v", err)
		}
		// Unpublish: 410 publicly, kept in the archive.
		if b, err = e.svc.Unpublish(ctx, e.editor, a.ID, "legal"); err != nil || b.Status != content.StatusUnpublished {
			t.Fatalf("unpublish: %v", err)
		}
		if _, err := e.st.PublicArticle(ctx, "en", a.Slug, e.clock.now()); !errors.Is(err, content.ErrGone) {
			t.Errorf("unpublished story: %v, want gone", err)
		}
		log, err := e.st.AuditLog(ctx, 50, 0)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, l := range log {
			seen[l.Action] = true
		}
		for _, want := range []string{"submit", "return", "publish", "update", "correct", "unpublish"} {
			if !seen[want] {
				t.Errorf("audit log lacks %s", want)
			}
		}
	})
}

func TestOptimisticLocking(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		a, err := e.svc.Create(ctx, e.editor, story("Budget talks resume"))
		if err != nil {
			t.Fatal(err)
		}
		first, second := story("Budget talks resume"), story("Budget talks resume")
		first.Body, second.Body = "Editor one's text.", "Editor two's text."
		if _, err := e.svc.Update(ctx, e.editor, a.ID, a.Version, first); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Update(ctx, e.editor, a.ID, a.Version, second)
		var ce *newsroom.ConflictError
		if !errors.As(err, &ce) || !errors.Is(err, content.ErrConflict) {
			t.Fatalf("second save: %v, want a conflict", err)
		}
		if ce.Current.BodyMD != "Editor one's text." || ce.Current.Version != a.Version+1 {
			t.Errorf("conflict shows %q v%d", ce.Current.BodyMD, ce.Current.Version)
		}
		// Saving again on the current version succeeds: nothing is lost.
		if _, err := e.svc.Update(ctx, e.editor, a.ID, ce.Current.Version, second); err != nil {
			t.Errorf("save after conflict: %v", err)
		}
	})
}

func TestRevisionsAndRestore(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		a, err := e.svc.Create(ctx, e.editor, story("Port strike ends"))
		if err != nil {
			t.Fatal(err)
		}
		v := a.Version
		for _, body := range []string{"second", "third"} {
			in := story("Port strike ends")
			in.Body = body
			b, err := e.svc.Update(ctx, e.editor, a.ID, v, in)
			if err != nil {
				t.Fatal(err)
			}
			v = b.Version
		}
		revs, err := e.svc.Revisions(ctx, e.editor, a.ID)
		if err != nil || len(revs) != 3 || revs[0].Article.BodyMD != "third" || revs[2].Kind != "created" {
			t.Fatalf("revisions: %v %d", err, len(revs))
		}
		b, err := e.svc.Restore(ctx, e.editor, a.ID, revs[1].Version)
		if err != nil || b.BodyMD != "second" || b.Version != v+1 {
			t.Fatalf("restore: %v %q v%d", err, b.BodyMD, b.Version)
		}
		revs, _ = e.svc.Revisions(ctx, e.editor, a.ID)
		if len(revs) != 4 || revs[0].Kind != "restored" {
			t.Errorf("after restore: %d revisions, newest %q", len(revs), revs[0].Kind)
		}
	})
}

func TestScheduleAndEmbargo(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		a, err := e.svc.Create(ctx, e.editor, story("Summit date set"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Schedule(ctx, e.editor, a.ID, e.clock.now().Add(-time.Minute)); err == nil {
			t.Error("scheduling in the past accepted")
		}
		if _, err := e.svc.Schedule(ctx, e.editor, a.ID, e.clock.now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if ids, _ := e.svc.PublishDue(ctx); len(ids) != 0 {
			t.Errorf("published early: %v", ids)
		}
		e.clock.add(2 * time.Hour)
		// Several instances race to publish: exactly one does it.
		var mu sync.Mutex
		var all []int64
		var wg sync.WaitGroup
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st, err := store.Open(ctx, e.dsn, store.Options{})
				if err != nil {
					t.Error(err)
					return
				}
				defer st.Close()
				ids, err := newsroom.New(st, nil, e.clock.now).PublishDue(ctx)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				all = append(all, ids...)
				mu.Unlock()
			}()
		}
		wg.Wait()
		if len(all) != 1 || all[0] != a.ID {
			t.Errorf("scheduled publication happened %v times", all)
		}
		if _, err := e.st.PublicArticle(ctx, "en", a.Slug, e.clock.now()); err != nil {
			t.Errorf("scheduled story not public: %v", err)
		}
		// Embargo: published, but invisible until the embargo passes.
		in := story("Report under embargo")
		in.EmbargoUntil = e.clock.now().Add(3 * time.Hour)
		b, err := e.svc.Create(ctx, e.editor, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.Publish(ctx, e.editor, b.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.PublicArticle(ctx, "en", b.Slug, e.clock.now()); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("embargoed story visible: %v", err)
		}
		list, _ := e.st.PublicArticles(ctx, content.ListQuery{Language: "en", Limit: 100}, e.clock.now())
		for _, s := range list {
			if s.ID == b.ID {
				t.Error("embargoed story listed")
			}
		}
		if _, err := e.st.PublicArticle(ctx, "en", b.Slug, e.clock.now().Add(4*time.Hour)); err != nil {
			t.Errorf("story after embargo: %v", err)
		}
	})
}

func TestTranslationsAndBriefs(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		a, err := e.svc.Create(ctx, e.corr, story("Caspian ferry fares cut"))
		if err != nil {
			t.Fatal(err)
		}
		ru, err := e.svc.Translate(ctx, e.corr, a.ID, "ru")
		if err != nil || ru.GroupID != a.GroupID || ru.Language != "ru" || ru.Status != content.StatusDraft || ru.Section.Key != "politics" {
			t.Fatalf("translate: %v %+v", err, ru)
		}
		if _, err := e.svc.Translate(ctx, e.corr, a.ID, "ru"); !errors.Is(err, content.ErrConflict) {
			t.Errorf("second ru translation: %v", err)
		}
		// Briefs: an editor's publish at once, a correspondent's wait.
		eb, err := e.svc.CreateBrief(ctx, e.editor, newsroom.BriefInput{Language: "en", Section: "politics", Text: "Cabinet meets at noon."})
		if err != nil || eb.Status != content.StatusPublished {
			t.Fatalf("editor brief: %v %s", err, eb.Status)
		}
		cb, err := e.svc.CreateBrief(ctx, e.corr, newsroom.BriefInput{Language: "en", Section: "politics", Text: "Talks continue in Moscow."})
		if err != nil || cb.Status != content.StatusSubmitted {
			t.Fatalf("correspondent brief: %v %s", err, cb.Status)
		}
		if _, err := e.svc.CreateBrief(ctx, e.corr, newsroom.BriefInput{Language: "en", Section: "nope", Text: ""}); err == nil {
			t.Error("invalid brief accepted")
		}
		// Develop into a story; the brief links to it once the story is published.
		dev, err := e.svc.DevelopBrief(ctx, e.editor, eb.ID)
		if err != nil || dev.Status != content.StatusDraft {
			t.Fatalf("develop: %v", err)
		}
		link := func() string {
			bs, err := e.st.PublicBriefs(ctx, content.BriefQuery{Language: "en", Limit: 50}, e.clock.now().Add(time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range bs {
				if b.ID == eb.ID {
					return b.ArticleURL
				}
			}
			return "missing"
		}
		if l := link(); l != "" {
			t.Errorf("brief links to an unpublished story: %q", l)
		}
		if _, _, err := e.svc.Publish(ctx, e.editor, dev.ID); err != nil {
			t.Fatal(err)
		}
		if l := link(); l != content.ArticlePath("en", "politics", dev.Slug) {
			t.Errorf("brief link after publish = %q", l)
		}
	})
}

func TestValidationAndChecks(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		bad := story("")
		bad.Section, bad.Urgency, bad.Slug = "nope", 12, "Bad Slug"
		_, err := e.svc.Create(ctx, e.editor, bad)
		var ve *content.FieldError
		if !errors.As(err, &ve) {
			t.Fatalf("err = %v", err)
		}
		for _, f := range []string{"headline", "urgency", "slug", "section"} {
			if ve.Fields[f] == "" {
				t.Errorf("no error for %s: %v", f, ve.Fields)
			}
		}
		// Publishing checks warn, and block when the setting asks.
		in := story("A headline that goes on and on about the many ministers who met in the capital today to discuss the road and the rail links to the sea ports")
		in.Body = "See [here](https://example.org).\n\n#### Deep heading\n"
		a, err := e.svc.Create(ctx, e.editor, in)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetSetting(ctx, newsroom.SettingBlockOnChecks, "1") }); err != nil {
			t.Fatal(err)
		}
		_, warnings, err := e.svc.Publish(ctx, e.editor, a.ID)
		var ce *newsroom.ChecksError
		if !errors.As(err, &ce) || len(warnings) < 3 {
			t.Fatalf("blocked publish: %v, %d warnings", err, len(warnings))
		}
		// Advice alone (this story's body is short) does not block.
		adv, err := e.svc.Create(ctx, e.editor, story("Ferries resume night sailings"))
		if err != nil {
			t.Fatal(err)
		}
		if _, ws, err := e.svc.Publish(ctx, e.editor, adv.ID); err != nil || len(ws) == 0 || editorial.Blocking(ws) {
			t.Errorf("publish with advice only, blocking on: %v, warnings %+v", err, ws)
		}
		if err := e.st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetSetting(ctx, newsroom.SettingBlockOnChecks, "0") }); err != nil {
			t.Fatal(err)
		}
		if _, warnings, err = e.svc.Publish(ctx, e.editor, a.ID); err != nil || len(warnings) < 3 {
			t.Errorf("warned publish: %v, %d warnings", err, len(warnings))
		}
		// A taken slug gets a number rather than failing.
		b, err := e.svc.Create(ctx, e.editor, story("Port strike ends"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := e.svc.Create(ctx, e.editor, story("Port strike ends"))
		if err != nil || c.Slug != b.Slug+"-2" {
			t.Errorf("second slug = %q, %v", c.Slug, err)
		}
	})
}

func TestImages(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		ms, err := media.New(t.TempDir(), media.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		var png bytes.Buffer
		m := image.NewRGBA(image.Rect(0, 0, 800, 400))
		for i := range m.Pix {
			m.Pix[i] = byte(i)
		}
		if err := pngenc.Encode(&png, m); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.UploadImage(ctx, e.corr, ms, bytes.NewReader(png.Bytes()), newsroom.ImageInput{}); err == nil {
			t.Error("image without alt text accepted")
		}
		if _, err := e.svc.UploadImage(ctx, e.corr, ms, strings.NewReader("not an image at all"), newsroom.ImageInput{Alt: "x"}); !errors.Is(err, media.ErrNotImage) {
			t.Errorf("text upload: %v", err)
		}
		img, err := e.svc.UploadImage(ctx, e.corr, ms, bytes.NewReader(png.Bytes()), newsroom.ImageInput{Alt: "Harbour cranes", Credit: "Demo"})
		if err != nil || len(img.Renditions) < 2 || img.Width != 800 {
			t.Fatalf("upload: %v %+v", err, img)
		}
		in := story("Cranes idle at the port")
		in.LeadImageID = img.ID
		in.Body = "Text.\n\n![Harbour cranes](/media/" + img.Renditions[0].File + ")\n"
		a, err := e.svc.Create(ctx, e.corr, in)
		if err != nil {
			t.Fatal(err)
		}
		if a.LeadImage == nil || a.LeadImage.Alt != "Harbour cranes" || len(a.LeadImage.Renditions) != len(img.Renditions) {
			t.Errorf("lead image = %+v", a.LeadImage)
		}
		for _, want := range []string{`srcset="/media/`, ` 320w`, `width="800" height="400"`, `alt="Harbour cranes"`} {
			if !strings.Contains(a.BodyHTML, want) {
				t.Errorf("inline image lacks %s: %s", want, a.BodyHTML)
			}
		}
	})
}
