package syndication_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/validate"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestStoryLifecycle follows one story from a brief through an embargoed release, a
// translation, a correction, an update and a kill, and checks every wire version: its
// event, its ninjs fields in 2.2 and 3.1, and that each validates against the official
// schema of its version.
func TestStoryLifecycle(t *testing.T) {
	v22, v31 := validate.NinjsSchema(t, "2.2"), validate.NinjsSchema(t, "3.1")
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		e := testkit.NewWireEnv(t, dsn, syndication.Config{BaseURL: "https://news.example"})
		ed, nr := e.Editor, e.Newsroom
		sub, _ := e.Subscriber(t, "All", []string{"*"}, []string{"*"})

		var imgID int64
		err := e.St.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			imgID, err = tx.CreateImage(ctx, content.Image{Hash: strings.Repeat("ab", 32), Format: "jpeg", Width: 1280, Height: 720,
				Alt: "The harbour at dawn", Caption: "Cranes idle.", Credit: "Photo: A. Agency",
				Renditions: []content.Rendition{{Width: 640, Height: 360, File: strings.Repeat("ab", 16) + "-640.jpg"},
					{Width: 1280, Height: 720, File: strings.Repeat("ab", 16) + "-1280.jpg"}}}, ed.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		b, err := nr.CreateBrief(ctx, ed, newsroom.BriefInput{Language: "en", Section: "economy", Text: "Port workers walk out."})
		if err != nil {
			t.Fatal(err)
		}
		a, err := nr.DevelopBrief(ctx, ed, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		embargo := time.Now().Add(time.Hour).Truncate(time.Second)
		a, err = nr.Update(ctx, ed, a.ID, a.Version, newsroom.ArticleInput{Section: "economy", Headline: "Port strike halts exports",
			Standfirst: "Cranes stand still.", Body: "Workers **walked out** at dawn.\n\n![Harbour](/media/" + strings.Repeat("ab", 16) + "-640.jpg)",
			Byline: "Leyla Aliyeva", BylineRole: "Business reporter", Dateline: "BAKU", Tags: []string{"Ports", "Strikes"},
			Slugline: "AZ-PORT-STRIKE", Urgency: 3, EmbargoUntil: embargo, LeadImageID: imgID})
		if err != nil {
			t.Fatal(err)
		}
		if a, _, err = nr.Publish(ctx, ed, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.St.PublicArticle(ctx, "en", a.Slug, time.Now()); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("embargoed story on the public site: err = %v", err)
		}
		ru, err := nr.Translate(ctx, ed, a.ID, "ru")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err = nr.Publish(ctx, ed, ru.ID); err != nil {
			t.Fatal(err)
		}
		if _, err = nr.Correct(ctx, ed, a.ID, "An earlier version misnamed the port."); err != nil {
			t.Fatal(err)
		}
		cur, _ := nr.Get(ctx, ed, a.ID)
		in := newsroom.ArticleInput{Section: "economy", Headline: "Port strike halts exports for a second day", Standfirst: cur.Standfirst,
			Body: cur.BodyMD, Byline: cur.Byline, Dateline: cur.Dateline, EmbargoUntil: cur.EmbargoUntil, LeadImageID: imgID}
		if _, err = nr.Update(ctx, ed, a.ID, cur.Version, in); err != nil {
			t.Fatal(err)
		}
		if _, err = nr.Unpublish(ctx, ed, a.ID, "legal"); err != nil {
			t.Fatal(err)
		}

		vs, err := e.Wire.History(ctx, sub, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var events []string
		for i, v := range vs {
			events = append(events, v.Event)
			if v.Version != i+1 {
				t.Errorf("version %d numbered %d", i+1, v.Version)
			}
		}
		if got := strings.Join(events, ","); got != "release,correction,update,kill" {
			t.Fatalf("events = %s", got)
		}
		items := make([]map[string]any, len(vs))
		for i, v := range vs {
			for _, sch := range []*validate.Ninjs{v22, v31} {
				doc, err := e.Wire.ItemJSON(v, sch.Version)
				if err != nil {
					t.Fatal(err)
				}
				sch.Validate(t, v.Event+" version", doc)
				if sch.Version == "2.2" {
					if err := json.Unmarshal(doc, &items[i]); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		rel, corr, upd, kill := items[0], items[1], items[2], items[3]
		want := map[string]any{"uri": e.Wire.URI(a.ID), "version": "1", "pubstatus": "usable", "language": "en",
			"embargoed": embargo.UTC().Format(time.RFC3339), "urgency": 3.0, "by": "Leyla Aliyeva, Business reporter",
			"located": "BAKU", "slugline": "AZ-PORT-STRIKE", "type": "text", "profile": "text-photo"}
		for k, w := range want {
			if rel[k] != w {
				t.Errorf("release %s = %v, want %v", k, rel[k], w)
			}
		}
		js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
		for _, s := range []string{`"contenttype":"text/html"`, `"contenttype":"text/plain"`, `walked out`,
			`"name":"featureimage"`, `"href":"https://news.example/media/` + strings.Repeat("ab", 16) + `-1280.jpg"`,
			`"name":"brief"`, `Port workers walk out.`, `"literal":"section:economy"`, `"literal":"tag:ports"`,
			`"value":"Cranes stand still."`} {
			if !strings.Contains(js(rel), s) {
				t.Errorf("release lacks %s", s)
			}
		}
		if body := rel["bodies"].([]any)[0].(map[string]any)["value"].(string); !strings.Contains(body, `src="https://news.example/media/`) {
			t.Errorf("inline image not absolute: %s", body)
		}
		if strings.Contains(js(rel), `"name":"translation"`) || !strings.Contains(js(corr), `"name":"translation"`) ||
			!strings.Contains(js(corr), e.Wire.URI(ru.ID)) {
			t.Errorf("translation association: release %v, correction %v", rel["associations"], corr["associations"])
		}
		if !strings.HasPrefix(corr["ednote"].(string), "Correction: An earlier version") || !strings.Contains(js(corr), `"role":"correction"`) {
			t.Errorf("correction ednote %v", corr["ednote"])
		}
		if upd["headlines"].([]any)[0].(map[string]any)["value"] != "Port strike halts exports for a second day" {
			t.Errorf("update headline %v", upd["headlines"])
		}
		if kill["pubstatus"] != "canceled" || kill["bodies"] != nil || kill["version"] != "4" {
			t.Errorf("kill: pubstatus %v version %v bodies %v", kill["pubstatus"], kill["version"], kill["bodies"])
		}
		if rel["uri"] != kill["uri"] || rel["firstcreated"] != kill["firstcreated"] {
			t.Errorf("uri or firstcreated changed between versions")
		}
		doc31, _ := e.Wire.ItemJSON(vs[0], "3.1")
		for _, s := range []string{`"embargoedUntil":`, `"pubStatus":"usable"`, `"rel":"featureimage"`, `"altIds":`, `"contentType":"text/html"`} {
			if !strings.Contains(string(doc31), s) {
				t.Errorf("3.1 lacks %s", s)
			}
		}
		if _, err := e.Wire.ItemJSON(vs[0], "1.0"); !errors.Is(err, syndication.ErrNinjsVersion) {
			t.Errorf("ninjs 1.0: %v", err)
		}
	})
}

// TestBackfill gives stories published without the hook (imports, the demo) a version,
// once, and enqueues no pushes for them.
func TestBackfill(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		e := testkit.NewWireEnv(t, dsn, syndication.Config{})
		sub, _ := e.Subscriber(t, "All", []string{"*"}, []string{"*"})
		if _, err := e.Wire.AddWebhook(ctx, syndication.WebhookInput{SubscriberID: sub.ID, URL: "https://hooks.example/x"}); err != nil {
			t.Fatal(err)
		}
		quiet := newsroom.New(e.St, nil, nil) // no hook: like an import
		var ids []int64
		for _, h := range []string{"Imported one", "Imported two", "Imported three"} {
			a, err := quiet.Create(ctx, e.Editor, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: h, Body: "Text."})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := quiet.Publish(ctx, e.Editor, a.ID); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		e.Publish(t, testkit.Story{Headline: "Hooked"})
		for round, want := range []int{3, 0} {
			n, err := e.Wire.Backfill(ctx)
			if err != nil || n != want {
				t.Fatalf("round %d: backfilled %d, %v; want %d", round, n, err, want)
			}
		}
		page, err := e.Wire.Pull(ctx, sub, syndication.PageQuery{})
		if err != nil || len(page.Versions) != 4 {
			t.Fatalf("pulled %d versions, %v", len(page.Versions), err)
		}
		st, err := e.St.WireOutboxStats(ctx)
		if err != nil || st.Pending != 1 {
			t.Errorf("outbox %+v, %v: only the hooked story is pushed", st, err)
		}
	})
}
