package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// searchFixture is a small edition for the search tests, the same on both databases.
type searchFixture struct {
	now              time.Time
	politics, sport  content.Section
	alice, bob       int64 // correspondents
	ids              map[string]int64
	briefEN, briefRU int64
}

// story is one article of the fixture, keyed by its slug.
type story struct {
	lang, slug, headline, standfirst, body string
	section                                *content.Section
	status                                 content.Status
	ago                                    time.Duration // published this long before now (negative: in the future)
	embargo                                time.Duration // embargoed until now+embargo (0: none)
	owner                                  *int64
}

func seedSearch(t testing.TB, st *store.Store) searchFixture {
	t.Helper()
	ctx := context.Background()
	f := searchFixture{now: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), ids: map[string]int64{}}
	md := content.NewRenderer()
	err := st.WithTx(ctx, func(tx *store.Tx) error {
		for i, l := range []content.Language{{Code: "en", Name: "English", SiteName: "Wire"},
			{Code: "ru", Name: "Русский", SiteName: "Лента"}, {Code: "az", Name: "Azərbaycanca", SiteName: "Xəbər"}} {
			l.Position = i
			if err := tx.PutLanguage(ctx, l); err != nil {
				return err
			}
		}
		names := map[string]string{"en": "Politics", "ru": "Политика", "az": "Siyasət"}
		slugs := map[string]string{"en": "politics", "ru": "politika", "az": "siyaset"}
		id, err := tx.CreateSection(ctx, store.SectionInput{Key: "politics", Names: names, Slugs: slugs})
		if err != nil {
			return err
		}
		f.politics = content.Section{ID: id, Key: "politics"}
		names = map[string]string{"en": "Sport", "ru": "Спорт", "az": "İdman"}
		slugs = map[string]string{"en": "sport", "ru": "sport", "az": "idman"}
		if id, err = tx.CreateSection(ctx, store.SectionInput{Key: "sport", Names: names, Slugs: slugs}); err != nil {
			return err
		}
		f.sport = content.Section{ID: id, Key: "sport"}
		if f.alice, err = tx.CreateUser(ctx, account.User{Email: "alice@example.org", Name: "Alice", Role: "correspondent"}); err != nil {
			return err
		}
		if f.bob, err = tx.CreateUser(ctx, account.User{Email: "bob@example.org", Name: "Bob", Role: "correspondent"}); err != nil {
			return err
		}
		stories := []story{
			{lang: "en", slug: "talks-headline", headline: "Border talks escalate as envoys meet", standfirst: "Diplomats met again.",
				body: "The meeting lasted an hour.", ago: 5 * time.Hour},
			{lang: "en", slug: "talks-standfirst", headline: "Envoys meet in Geneva", standfirst: "The escalation worries both capitals.",
				body: "Officials spoke briefly.", ago: 2 * time.Hour},
			{lang: "en", slug: "talks-body", headline: "A quiet week in the capital", standfirst: "Nothing much happened.",
				body: "Later, officials feared further escalating tension on the border.", ago: time.Hour},
			{lang: "en", slug: "older-headline", headline: "Escalation on the border", standfirst: "An older story.",
				body: "Text.", ago: 50 * time.Hour},
			{lang: "en", slug: "oil-price", headline: "Oil price rises", standfirst: "Oil <b>up</b> & Brent crude gained.",
				body: "The price of oil rose sharply on Monday, traders said. <script>alert(1)</script> & more.", ago: 3 * time.Hour,
				section: &f.sport},
			{lang: "en", slug: "price-oil", headline: "Price of gas and oil", standfirst: "Markets moved.",
				body: "Gas price and oil output.", ago: 4 * time.Hour},
			{lang: "en", slug: "draft", headline: "Secret escalation plan", standfirst: "A draft.", body: "Draft text.",
				status: content.StatusDraft, owner: &f.alice},
			{lang: "en", slug: "bob-draft", headline: "Bob's escalation notes", standfirst: "Another draft.", body: "Draft text.",
				status: content.StatusDraft, owner: &f.bob},
			{lang: "en", slug: "embargoed", headline: "Embargoed escalation report", standfirst: "Under embargo.", body: "Text.",
				ago: 2 * time.Hour, embargo: time.Hour},
			{lang: "en", slug: "scheduled", headline: "Future escalation story", standfirst: "Later.", body: "Text.", ago: -time.Hour},
			{lang: "en", slug: "withdrawn", headline: "Withdrawn escalation story", standfirst: "Gone.", body: "Text.",
				status: content.StatusUnpublished, ago: 6 * time.Hour},
			{lang: "ru", slug: "eskalaciya", headline: "Эскалация на границе", standfirst: "Стороны обвиняют друг друга.",
				body: "Опасаются дальнейшей эскалации.", ago: 2 * time.Hour},
			{lang: "ru", slug: "eskalaciey", headline: "Переговоры в Женеве", standfirst: "Встреча закончилась эскалацией.",
				body: "Текст.", ago: 3 * time.Hour},
			{lang: "az", slug: "istanbul", headline: "İstanbulda görüş keçirildi", standfirst: "Şəhər mərkəzində görüş.",
				body: "ƏLİYEV bəyanat verdi.", ago: 2 * time.Hour},
		}
		for _, s := range stories {
			if s.status == "" {
				s.status = content.StatusPublished
			}
			sec := f.politics
			if s.section != nil {
				sec = *s.section
			}
			html, err := md.Render(s.body)
			if err != nil {
				return err
			}
			a := content.Article{Language: s.lang, Section: sec, Headline: s.headline, Standfirst: s.standfirst, BodyMD: s.body,
				BodyHTML: html, Slug: s.slug, Status: s.status, CreatedAt: f.now.Add(-100 * time.Hour),
				UpdatedAt: f.now.Add(-s.ago), Tags: []content.Tag{{Name: "Diplomacy"}}}
			if s.status != content.StatusDraft {
				a.PublishedAt = f.now.Add(-s.ago)
			}
			if s.embargo != 0 {
				a.EmbargoUntil = f.now.Add(s.embargo)
			}
			if s.owner != nil {
				a.OwnerID = *s.owner
			}
			if f.ids[s.slug], err = tx.CreateArticle(ctx, a); err != nil {
				return fmt.Errorf("%s: %w", s.slug, err)
			}
		}
		if f.briefEN, err = tx.CreateBrief(ctx, content.Brief{Language: "en", Section: f.politics,
			Text: "Envoys warn of escalation at the border. More soon.", PublishedAt: f.now.Add(-30 * time.Minute)}); err != nil {
			return err
		}
		if f.briefRU, err = tx.CreateBrief(ctx, content.Brief{Language: "ru", Section: f.politics,
			Text: "Новая эскалация.", PublishedAt: f.now.Add(-40 * time.Minute)}); err != nil {
			return err
		}
		_, err = tx.CreateBrief(ctx, content.Brief{Language: "en", Section: f.politics, Text: "Escalation brief waiting.",
			Status: content.StatusSubmitted, PublishedAt: f.now.Add(-20 * time.Minute), OwnerID: f.alice})
		return err
	})
	if err != nil {
		t.Fatalf("seed search: %v", err)
	}
	return f
}

// find runs a search and returns the hits as "kind:slug-or-id" in order.
func find(t *testing.T, st *store.Store, r search.Request) (int, []string) {
	t.Helper()
	res, err := st.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("Search(%q): %v", r.Query.String(), err)
	}
	var out []string
	for _, h := range res.Hits {
		if h.Kind == search.KindBrief {
			out = append(out, fmt.Sprintf("brief:%d", h.ID))
			continue
		}
		out = append(out, h.URL[strings.LastIndexByte(h.URL, '/')+1:])
	}
	return res.Total, out
}

func public(q string, now time.Time, langs ...string) search.Request {
	return search.Request{Query: search.ParseQuery(q), Languages: langs, Now: now, Limit: 20}
}

func TestSearchRanking(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		brief := fmt.Sprintf("brief:%d", f.briefEN)
		tests := []struct {
			name, q string
			want    []string
		}{
			// Headline (newest first), then standfirst and the brief (a brief counts as a
			// standfirst), then body; drafts, embargoed, future and withdrawn stories never.
			{"stems and levels", "escalation ", []string{"talks-headline", "older-headline", brief, "talks-standfirst", "talks-body"}},
			{"another form of the word", "Escalating ", []string{"talks-headline", "older-headline", brief, "talks-standfirst", "talks-body"}},
			{"all words in the headline first", "oil price ", []string{"oil-price", "price-oil"}},
			{"phrase", `"oil price" `, []string{"oil-price"}},
			{"phrase in order only", `"price oil" `, nil},
			{"exclusion", "oil -gas ", []string{"oil-price"}},
			{"excluded phrase", `oil -"gas price" `, []string{"oil-price"}},
			{"prefix of the last word", "escala", []string{"talks-headline", "older-headline", brief, "talks-standfirst", "talks-body"}},
			{"prefix longer than the stem", "escalati", []string{"talks-headline", "older-headline", brief, "talks-standfirst", "talks-body"}},
			{"explicit prefix", "envo* border ", []string{"talks-headline", brief}},
			{"accents fold", "OÍL PRÎCE ", []string{"oil-price", "price-oil"}},
			{"nothing", "zebra ", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				total, got := find(t, st, public(tt.q, f.now, "en"))
				if !slices.Equal(got, tt.want) || total != len(tt.want) {
					t.Errorf("search %q = %d %q, want %q", tt.q, total, got, tt.want)
				}
			})
		}
	})
}

func TestSearchLanguages(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		brief := fmt.Sprintf("brief:%d", f.briefRU)
		for _, tt := range []struct {
			q     string
			langs []string
			want  []string
		}{
			{"эскалацией ", []string{"ru"}, []string{"eskalaciya", brief, "eskalaciey"}},
			{"ЭСКАЛАЦИИ ", []string{"ru"}, []string{"eskalaciya", brief, "eskalaciey"}},
			{"эскалаци", []string{"ru"}, []string{"eskalaciya", brief, "eskalaciey"}},
			{"istanbulda ", []string{"az"}, []string{"istanbul"}},
			{"İSTANBULDA ", []string{"az"}, []string{"istanbul"}},
			{"əliyev şəhər ", []string{"az"}, []string{"istanbul"}},
			{"ŞƏHƏR ", []string{"az"}, []string{"istanbul"}},
			{"seher ", []string{"az"}, nil}, // ş and ə are letters of their own in Azerbaijani
			{"escalation ", []string{"ru"}, nil},
		} {
			_, got := find(t, st, public(tt.q, f.now, tt.langs...))
			if !slices.Equal(got, tt.want) {
				t.Errorf("search %q in %v = %q, want %q", tt.q, tt.langs, got, tt.want)
			}
		}
		// All languages: each analysed in its own language, merged by level then time.
		total, got := find(t, st, public("эскалация escalation ", f.now))
		if total != 0 || got != nil {
			t.Errorf("two languages' words in one query = %d %q, want nothing (no story has both)", total, got)
		}
		total, _ = find(t, st, public("escalation", f.now))
		totalRU, _ := find(t, st, public("эскалация", f.now))
		if total != 5 || totalRU != 3 {
			t.Errorf("all-language totals = %d, %d; want 5, 3", total, totalRU)
		}
	})
}

func TestSearchVisibility(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		ctx := context.Background()
		has := func(r search.Request, slug string) bool {
			_, got := find(t, st, r)
			return slices.Contains(got, slug)
		}
		q := "escalation "
		for _, slug := range []string{"draft", "embargoed", "scheduled", "withdrawn"} {
			if has(public(q, f.now), slug) {
				t.Errorf("%s is in the public search", slug)
			}
		}
		// Time passes: the embargo ends and the scheduled time comes, with no write at all.
		later := f.now.Add(90 * time.Minute)
		if !has(public(q, later), "embargoed") {
			t.Errorf("embargoed story not found once its embargo ended")
		}
		if !has(public(q, later), "scheduled") {
			t.Errorf("story published for later not found once its time came")
		}
		// Publishing is visible at once; withdrawing too.
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			return tx.ChangeState(ctx, newsroom.StateChange{ID: f.ids["draft"], From: []content.Status{content.StatusDraft},
				To: content.StatusPublished, PublishedAt: f.now, UpdatedAt: f.now, Action: "publish"})
		})
		if err != nil {
			t.Fatal(err)
		}
		if !has(public(q, f.now), "draft") {
			t.Errorf("story not findable right after publication")
		}
		err = st.WithTx(ctx, func(tx *store.Tx) error {
			return tx.ChangeState(ctx, newsroom.StateChange{ID: f.ids["draft"], From: []content.Status{content.StatusPublished},
				To: content.StatusUnpublished, UpdatedAt: f.now, Action: "unpublish"})
		})
		if err != nil {
			t.Fatal(err)
		}
		if has(public(q, f.now), "draft") {
			t.Errorf("withdrawn story still findable")
		}
		// An edit changes what is found in the same transaction.
		a, err := st.ArticleByID(ctx, f.ids["talks-body"])
		if err != nil {
			t.Fatal(err)
		}
		a.Headline = "Zebras cross the border"
		err = st.WithTx(ctx, func(tx *store.Tx) error {
			_, err := tx.SaveArticle(ctx, a, a.Version, "edit", "", 0, f.now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, got := find(t, st, public("zebras ", f.now)); !slices.Equal(got, []string{"talks-body"}) {
			t.Errorf("edited headline: got %q", got)
		}
		// A rolled-back write leaves the index as it was.
		_ = st.WithTx(ctx, func(tx *store.Tx) error {
			a.Headline = "Giraffes"
			if _, err := tx.SaveArticle(ctx, a, a.Version+1, "edit", "", 0, f.now); err != nil {
				return err
			}
			return fmt.Errorf("roll back")
		})
		if total, _ := find(t, st, public("giraffes ", f.now)); total != 0 {
			t.Errorf("rolled-back edit is findable")
		}
		// Scheduled publication by the ticker.
		err = st.WithTx(ctx, func(tx *store.Tx) error {
			return tx.ChangeState(ctx, newsroom.StateChange{ID: f.ids["bob-draft"], From: []content.Status{content.StatusDraft},
				To: content.StatusScheduled, PublishedAt: f.now.Add(time.Minute), Action: "schedule"})
		})
		if err != nil {
			t.Fatal(err)
		}
		if has(public(q, f.now.Add(2*time.Minute)), "bob-draft") {
			t.Errorf("scheduled story is public before the ticker published it")
		}
		if err := st.WithTx(ctx, func(tx *store.Tx) error { _, err := tx.PublishDue(ctx, f.now.Add(2*time.Minute)); return err }); err != nil {
			t.Fatal(err)
		}
		if !has(public(q, f.now.Add(2*time.Minute)), "bob-draft") {
			t.Errorf("scheduled story not findable once published")
		}
	})
}

func TestSearchNewsroom(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		q := search.ParseQuery("escalation ")
		_, all := find(t, st, search.Request{Query: q, Newsroom: true, Now: f.now, Limit: 50})
		for _, slug := range []string{"draft", "bob-draft", "embargoed", "scheduled", "withdrawn", "talks-headline"} {
			if !slices.Contains(all, slug) {
				t.Errorf("editor's search misses %s: %q", slug, all)
			}
		}
		total, own := find(t, st, search.Request{Query: q, Newsroom: true, OwnerID: f.alice, Now: f.now, Limit: 50})
		if total != 2 || !slices.Contains(own, "draft") || slices.Contains(own, "bob-draft") {
			t.Errorf("Alice's own search = %d %q, want her draft and her brief", total, own)
		}
		_, drafts := find(t, st, search.Request{Query: q, Newsroom: true, Status: content.StatusDraft, Now: f.now, Limit: 50})
		if !slices.Equal(drafts, []string{"draft", "bob-draft"}) && !slices.Equal(drafts, []string{"bob-draft", "draft"}) {
			t.Errorf("drafts = %q", drafts)
		}
		_, pub := find(t, st, search.Request{Query: q, Newsroom: true, Status: content.StatusPublished, Now: f.now, Limit: 50})
		if !slices.Contains(pub, "scheduled") || slices.Contains(pub, "draft") || slices.Contains(pub, "withdrawn") {
			t.Errorf("published in the newsroom = %q", pub)
		}
	})
}

func TestSearchFiltersAndPages(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		r := public("oil ", f.now, "en")
		r.SectionID = f.sport.ID
		if _, got := find(t, st, r); !slices.Equal(got, []string{"oil-price"}) {
			t.Errorf("section filter: %q", got)
		}
		r = public("escalation ", f.now, "en")
		r.Kind = search.KindBrief
		if _, got := find(t, st, r); !slices.Equal(got, []string{fmt.Sprintf("brief:%d", f.briefEN)}) {
			t.Errorf("briefs only: %q", got)
		}
		r.Kind = search.KindArticle
		if total, _ := find(t, st, r); total != 4 {
			t.Errorf("articles only: %d", total)
		}
		r = public("escalation ", f.now, "en")
		r.From, r.To = f.now.Add(-3*time.Hour), f.now.Add(-90*time.Minute)
		if _, got := find(t, st, r); !slices.Equal(got, []string{"talks-standfirst"}) {
			t.Errorf("date range: %q", got)
		}
		// Pages of two: the same order as one page, no gaps, no repeats.
		_, whole := find(t, st, public("escalation ", f.now, "en"))
		var paged []string
		for off := 0; off < 8; off += 2 {
			r := public("escalation ", f.now, "en")
			r.Offset, r.Limit = off, 2
			total, got := find(t, st, r)
			if total != len(whole) {
				t.Errorf("page at %d: total %d, want %d", off, total, len(whole))
			}
			paged = append(paged, got...)
		}
		if !slices.Equal(paged, whole) {
			t.Errorf("pages %q, whole %q", paged, whole)
		}
		r = public("escalation ", f.now, "en")
		r.Offset, r.Limit = search.MaxResults, 20
		if res, err := st.Search(context.Background(), r); err != nil || len(res.Hits) != 0 {
			t.Errorf("past the last page: %v %v", res, err)
		}
	})
}

func TestSearchSnippets(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		res, err := st.Search(context.Background(), public("oil price", f.now, "en"))
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("search: %v %v", res, err)
		}
		h := res.Hits[0]
		if got := string(h.HeadlineMarks.HTML()); got != "<mark>Oil</mark> <mark>price</mark> rises" {
			t.Errorf("headline marks = %q", got)
		}
		snip := string(h.Snippet.HTML())
		if !strings.Contains(snip, "<mark>price</mark> of <mark>oil</mark>") || strings.Contains(snip, "<b>") ||
			!strings.Contains(snip, "<mark>Oil</mark> &lt;b&gt;up&lt;/b&gt; &amp; Brent") {
			t.Errorf("snippet = %q", snip)
		}
		if h.URL != "/en/sport/oil-price" || h.Language != "en" || !h.PublishedAt.Equal(f.now.Add(-3*time.Hour)) {
			t.Errorf("hit = %+v", h)
		}
	})
}

func TestSearchHostileQueries(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		for _, q := range []string{`"`, `"oil`, `oil"`, `*`, `-`, `--`, `NEAR(`, `NEAR(oil price)`, `oil AND OR NOT`, `^oil`,
			`head:oil`, `{head}: oil`, `'; DROP TABLE articles; --`, `oil' OR '1'='1`, `(((`, `)))`, `a*b*c`, `-"`, `"-"`,
			`"" oil`, "oil\x00price", "\xff\xfeoil", `\`, `%_`, `:*`, `!oil`, `oil <-> price`, `h_oil`, `sec_1`, `k_a`,
			strings.Repeat("oil ", 3000), strings.Repeat("x", 10000), strings.Repeat(`"a" -`, 500)} {
			for _, r := range []search.Request{public(q, f.now), {Query: search.ParseQuery(q), Newsroom: true, Now: f.now}} {
				if _, err := st.Search(context.Background(), r); err != nil {
					t.Errorf("Search(%.40q): %v", q, err)
				}
			}
		}
		// Filter terms cannot be searched for as words.
		if total, _ := find(t, st, public("k_a ", f.now)); total != 0 {
			t.Errorf("a filter term matched as a word")
		}
	})
}

func TestReindex(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		ctx := context.Background()
		queries := []string{"escalation ", "oil price", "эскалация", "istanbulda ", "escala"}
		before := map[string][]string{}
		for _, q := range queries {
			_, before[q] = find(t, st, public(q, f.now))
		}
		if need, err := st.SearchRebuildNeeded(ctx); err != nil || need {
			t.Errorf("rebuild needed after writes through Tx: %v %v", need, err)
		}
		// A bulk load writes no index entries: a rebuild is needed, and finds its content.
		ld, err := st.NewLoader(ctx, store.LoaderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		err = ld.WithTx(ctx, func(b *store.Bulk) error {
			_, err := b.Brief(ctx, content.Brief{Language: "en", Section: f.politics, Text: "Bulk okapi.", PublishedAt: f.now})
			return err
		})
		if err != nil || ld.Close() != nil {
			t.Fatal(err)
		}
		if need, err := st.SearchRebuildNeeded(ctx); err != nil || !need {
			t.Errorf("rebuild not needed after a bulk load: %v %v", need, err)
		}
		var calls, last int
		stats, err := st.Reindex(ctx, func(done, total int) { calls++; last = done })
		if err != nil {
			t.Fatal(err)
		}
		if total, _ := find(t, st, public("okapi ", f.now)); total != 1 {
			t.Errorf("bulk-loaded brief not found after the rebuild")
		}
		if stats.Articles != 14 || stats.Briefs != 4 || calls < 2 || last != 18 {
			t.Errorf("stats %+v, %d progress calls, last %d", stats, calls, last)
		}
		for _, q := range queries {
			if _, got := find(t, st, public(q, f.now)); !slices.Equal(got, before[q]) {
				t.Errorf("after reindex %q = %q, before %q", q, got, before[q])
			}
		}
		if need, err := st.SearchRebuildNeeded(ctx); err != nil || need {
			t.Errorf("rebuild still needed: %v %v", need, err)
		}
		// Writes after a rebuild go on as before.
		err = st.WithTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateBrief(ctx, content.Brief{Language: "en", Section: f.politics, Text: "Zebra escalation.", PublishedAt: f.now})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if total, _ := find(t, st, public("zebra ", f.now)); total != 1 {
			t.Errorf("brief written after the rebuild not found")
		}
	})
}

func TestRebuildSearchIfNeeded(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		ctx := context.Background()
		if done, err := st.RebuildSearchIfNeeded(ctx); err != nil || done {
			t.Errorf("rebuilt an index that lacked nothing: %v %v", done, err)
		}
		ld, err := st.NewLoader(ctx, store.LoaderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		err = ld.WithTx(ctx, func(b *store.Bulk) error {
			_, err := b.Brief(ctx, content.Brief{Language: "en", Section: f.politics, Text: "Bulk okapi.", PublishedAt: f.now})
			return err
		})
		if err != nil || ld.Close() != nil {
			t.Fatal(err)
		}
		// A cancelled rebuild changes nothing: the index stays flagged.
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := st.RebuildSearchIfNeeded(cancelled); err == nil {
			t.Error("a cancelled rebuild succeeded")
		}
		if need, err := st.SearchRebuildNeeded(ctx); err != nil || !need {
			t.Errorf("after a cancelled rebuild, rebuild needed = %v %v", need, err)
		}
		if done, err := st.RebuildSearchIfNeeded(ctx); err != nil || !done {
			t.Fatalf("no rebuild after a bulk load: %v %v", done, err)
		}
		if total, _ := find(t, st, public("okapi ", f.now)); total != 1 {
			t.Errorf("bulk-loaded brief not found after the rebuild: %d", total)
		}
		if done, err := st.RebuildSearchIfNeeded(ctx); err != nil || done {
			t.Errorf("rebuilt twice: %v %v", done, err)
		}
	})
}
