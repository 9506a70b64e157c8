package importer_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/metrics"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// recorder is a Handler that notes what it is given, one line an event. spoolDir, when
// set, is looked into at the first post: it says whether the reader had spooled posts.
type recorder struct {
	events   []string
	spoolDir string
	spooling bool
}

func (r *recorder) Site(s importer.Site) error {
	r.events = append(r.events, fmt.Sprintf("site %+v", s))
	return nil
}

func (r *recorder) Author(a importer.Author) error {
	r.events = append(r.events, fmt.Sprintf("author %+v", a))
	return nil
}

func (r *recorder) Category(t importer.Term) error {
	r.events = append(r.events, fmt.Sprintf("category %+v", t))
	return nil
}

func (r *recorder) Tag(t importer.Term) error {
	r.events = append(r.events, fmt.Sprintf("tag %+v", t))
	return nil
}

func (r *recorder) Post(p *importer.Post) error {
	if r.spoolDir != "" && !r.spooling {
		r.spooling = len(spoolFiles(nil, r.spoolDir)) > 0
	}
	r.events = append(r.events, fmt.Sprintf("post %s %s %q creator=%s cats=%s tags=%s meta=%v att=%s body=%q",
		p.ID, p.Type, p.Title, p.Creator, terms(p.Categories), terms(p.Tags), p.Meta, p.AttachmentURL, p.Content))
	return nil
}

func terms(ts []importer.Term) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Slug+":"+t.Name)
	}
	return "[" + strings.Join(out, " ") + "]"
}

// spoolFiles lists the reader's spool files in dir (its temporary directory in these tests).
func spoolFiles(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil && t != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "newsdesk-ghost-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// ghostTables returns the tables of testdata/ghost.json's data object.
func ghostTables(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "ghost.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ex struct {
		DB []struct {
			Data map[string]json.RawMessage `json:"data"`
		} `json:"db"`
	}
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	return ex.DB[0].Data
}

// ghostData writes a data object with tables in the order given.
func ghostData(tables map[string]json.RawMessage, order ...string) string {
	var b strings.Builder
	b.WriteString("{")
	for i, k := range order {
		if i > 0 {
			b.WriteString(",\n")
		}
		if name, v, ok := strings.Cut(k, "="); ok { // a table given inline: name=value
			fmt.Fprintf(&b, "%q: %s", name, v)
			continue
		}
		fmt.Fprintf(&b, "%q: %s", k, tables[k])
	}
	b.WriteString("}")
	return b.String()
}

// A table the importer does not read, with nested values, to be skipped.
const revisionsTable = `post_revisions=[{"id": "r1", "post_id": "g1", "lexical": "{\"root\": {}}", "nested": {"a": [1, 2.5, true, null, {"b": "c"}]}}, {"id": "r2"}]`

func readGhost(t *testing.T, export string) (*recorder, error) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	rec := &recorder{spoolDir: dir}
	err := importer.ReadGhost(strings.NewReader(export), rec)
	if files := spoolFiles(t, dir); len(files) > 0 {
		t.Errorf("spool files left behind: %v", files)
	}
	return rec, err
}

// TestReadGhostTableOrder reads the same export with its tables in different orders and
// in each shape the reader accepts: what the handler is given is the same.
func TestReadGhostTableOrder(t *testing.T) {
	tables := ghostTables(t)
	first := []string{"settings", "users", "tags", "posts_tags", "posts_authors", "posts"}
	last := []string{"posts", "posts_authors", revisionsTable, "posts_tags", "tags", "users", "settings"}
	between := []string{"tags", "users", "posts", "posts_tags", "settings", "posts_authors"}
	want, err := readGhost(t, `{"db": [{"meta": {"version": "5.80.0"}, "data": `+ghostData(tables, last...)+`}]}`)
	if err != nil {
		t.Fatal(err)
	}
	if !want.spooling {
		t.Error("posts before their tables were not spooled")
	}
	if len(want.events) != 7 || !strings.HasPrefix(want.events[0], "site {Title:Ghost Demo Harbour") ||
		!strings.HasPrefix(want.events[1], "author {ID:a1") {
		t.Fatalf("events:\n%s", strings.Join(want.events, "\n"))
	}
	// The relations, read after the posts, are applied to them.
	for i, prefix := range []string{
		"post ghost-feature-g1 attachment",
		`post g1 post "Demo: Mobiledoc harbour story" creator=nigar cats=[harbour:Harbour] tags=[harbour:Harbour] meta=[{_thumbnail_id ghost-feature-g1}]`,
		`post g2 post "Demo: Lexical crane story" creator=nigar cats=[cranes:Cranes] tags=[cranes:Cranes harbour:Harbour] meta=[]`,
		`post g3 post "Demo: HTML-only story" creator= cats=[] tags=[] meta=[] att= body="<p>Plain <em>HTML</em> body.</p><h2>Sub</h2><p>More.</p>"`,
		`post g4 page "About"`,
	} {
		if ev := want.events[2+i]; !strings.HasPrefix(ev, prefix) {
			t.Errorf("event %d: %s\nwant %s…", 2+i, ev, prefix)
		}
	}
	cases := []struct {
		name     string
		export   string
		spooling bool
	}{
		{"tables first", `{"db": [{"data": ` + ghostData(tables, first...) + `}], "meta": {}}`, false},
		{"tables first, skipped table between", `{"db": [{"data": ` + ghostData(tables, append([]string{revisionsTable}, first...)...) + `}]}`, false},
		{"tables around the posts", `{"db": [{"data": ` + ghostData(tables, between...) + `}]}`, true},
		{"pretty-printed", `{"db": [{"data": ` + indent(t, ghostData(tables, first...)) + `}]}`, false},
		{"top-level data", `{"meta": {}, "data": ` + ghostData(tables, first...) + `}`, true},
		{"db empty, then top-level data", `{"db": [], "data": ` + ghostData(tables, first...) + `}`, false},
		{"top-level data, then db (db wins)", `{"data": {"posts": [{"id": "x1", "title": "not this"}]}, "db": [{"data": ` + ghostData(tables, first...) + `}]}`, false},
		{"db, then top-level data (db wins)", `{"db": [{"data": ` + ghostData(tables, first...) + `}], "data": {"posts": [{"id": "x1"}]}}`, false},
		{"second db element ignored", `{"db": [{"data": ` + ghostData(tables, last...) + `}, {"data": {"posts": [{"id": "x2"}]}}]}`, true},
		{"trailing text after the export", `{"db": [{"data": ` + ghostData(tables, first...) + `}]} trailing`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := readGhost(t, c.export)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.events, want.events) {
				t.Errorf("events differ:\n%s\nwant:\n%s", strings.Join(got.events, "\n"), strings.Join(want.events, "\n"))
			}
			if got.spooling != c.spooling {
				t.Errorf("spooling %v, want %v", got.spooling, c.spooling)
			}
		})
	}
}

func indent(t *testing.T, s string) string {
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(s), "", "  "); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// position returns the line and column (from 1) of the byte at off in s.
func position(s string, off int) (int, int) {
	line := 1 + strings.Count(s[:off], "\n")
	return line, off - strings.LastIndex(s[:off], "\n")
}

func TestReadGhostErrors(t *testing.T) {
	tables := ghostTables(t)
	pretty := `{"db": [{"data": ` + indent(t, ghostData(tables, "settings", "users", "tags", "posts_tags", "posts_authors", "posts")) + "}]}\n"
	broken := func(s, old, new string) (string, int) {
		i := strings.Index(s, old)
		if i < 0 {
			t.Fatalf("%q not in the export", old)
		}
		return s[:i] + new + s[i+len(old):], i
	}
	type errCase struct {
		name   string
		export string
		at     int // the offset of the byte the error is at
	}
	var cases []errCase
	add := func(name, s, old, new string, delta int) {
		e, i := broken(s, old, new)
		cases = append(cases, errCase{name, e, i + delta})
	}
	// In a post read whole (Decode), after tokens were read (Token).
	add("comma missing in a post", pretty, `"slug": "lexical-cranes",`, `"slug": "lexical-cranes"`, len(`"slug": "lexical-cranes"`)+7)
	// Between tokens.
	add("brace for a bracket", pretty, "\n  ],\n  \"posts\"", "\n  },\n  \"posts\"", 3)
	// In a table skipped token by token, on one line.
	add("bad literal in a skipped table", `{"db": [{"data": {"members": [{"a": [1, tru]}], "posts": []}}]}`, "tru]", "tru]", 3)
	// Minified: one line.
	add("one line", `{"db":[{"data":`+ghostData(tables, "posts", "tags")+`}]}`, `"type": "page"`, `"type" "page"`, 7)
	// Truncated: the error is at the end.
	for _, cut := range []int{len(pretty) / 3, len(pretty) - 3, 1} {
		cases = append(cases, errCase{fmt.Sprintf("truncated at %d", cut), pretty[:cut], cut})
	}
	cases = append(cases, errCase{"empty", "", 0})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec, err := readGhost(t, c.export)
			var se *importer.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a syntax error", err)
			}
			line, col := position(c.export, c.at)
			if se.Line != line || se.Column != col {
				t.Errorf("at line %d, column %d; want line %d, column %d: %v", se.Line, se.Column, line, col, err)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("byte %d", c.at)) {
				t.Errorf("message %q lacks the byte offset %d", err, c.at)
			}
			for _, ev := range rec.events {
				if strings.HasPrefix(ev, "post") && !strings.Contains(c.name, "post") && !strings.Contains(c.name, "truncated") {
					t.Errorf("a post was handed over before the error: %s", ev)
				}
			}
		})
	}

	notGhost := []struct{ name, export string }{
		{"array", `[{"db": []}]`},
		{"string", `"db"`},
		{"null", `null`},
		{"no data", `{"meta": {"version": "5"}}`},
		{"data null", `{"data": null, "meta": {}}`},
		{"db empty", `{"db": []}`},
		{"db an object", `{"db": {"data": {}}}`},
		{"posts an object", `{"db": [{"data": {"posts": {"id": "a"}}}]}`},
		{"post id a number", `{"db": [{"data": {"posts": [{"id": 5}]}}]}`},
		{"sort order a string", `{"data": {"posts_tags": [{"post_id": "a", "sort_order": "1"}]}}`},
	}
	// Exports without posts are refused too (they would import nothing).
	for _, export := range []string{`{"db": [null]}`, `{"db": [{"data": null}]}`, `{"db": [{"meta": {}}]}`, `{"data": {}}`, `{"data": {"posts": []}}`} {
		notGhost = append(notGhost, struct{ name, export string }{"no posts: " + export, export})
	}
	for _, c := range notGhost {
		t.Run(c.name, func(t *testing.T) {
			rec, err := readGhost(t, c.export)
			if !errors.Is(err, importer.ErrNotGhost) {
				t.Errorf("got %v, want ErrNotGhost", err)
			}
			if len(rec.events) != 0 {
				t.Errorf("handed over %v", rec.events)
			}
		})
	}
}

// storyView is what an imported story is, without the ids.
func storyView(a importer.ExportArticle) string {
	return fmt.Sprintf("%s %s %q %q section=%s tags=%v byline=%q author=%s published=%s updated=%s lead=%v legacy=%v body=%q",
		a.Language, a.Slug, a.Headline, a.Standfirst, a.Section.Key, a.Tags, a.Byline, a.Author.Slug,
		a.PublishedAt.Format(time.RFC3339), a.UpdatedAt.Format(time.RFC3339), a.LeadImage != nil, a.LegacyURLs, a.BodyMD)
}

// TestImportGhostTableOrder imports an export whose relations come after the posts and one
// whose relations come before them: the stories are the same.
func TestImportGhostTableOrder(t *testing.T) {
	tables := ghostTables(t)
	var views [2][]string
	for i, order := range [][]string{
		{"posts", "posts_authors", "posts_tags", "settings", "tags", "users"}, // as Ghost writes them
		{"settings", "users", "tags", "posts_tags", "posts_authors", "posts"},
	} {
		file := filepath.Join(t.TempDir(), "ghost.json")
		if err := os.WriteFile(file, []byte(`{"db": [{"data": `+ghostData(tables, order...)+`}]}`), 0o600); err != nil {
			t.Fatal(err)
		}
		st := testkit.Store(t, testkit.DSN(t, "sqlite"))
		rep := importGhostFile(t, st, file)
		if got := count(rep, "post"); got != "3/0/0/0" {
			t.Errorf("order %v: posts %s", order, got)
		}
		if rep.Source != "https://ghost.example.org" {
			t.Errorf("order %v: source %q", order, rep.Source)
		}
		for _, a := range articles(t, st) {
			views[i] = append(views[i], storyView(a))
		}
		sort.Strings(views[i])
	}
	if !reflect.DeepEqual(views[0], views[1]) {
		t.Errorf("relations after the posts:\n%s\nbefore:\n%s", strings.Join(views[0], "\n"), strings.Join(views[1], "\n"))
	}
	if len(views[0]) != 3 || !strings.Contains(strings.Join(views[0], "\n"), `mobiledoc-harbour "Demo: Mobiledoc harbour story" "Ships late in a fictional harbour." section=harbour tags=[{Harbour harbour}] byline="Nigar Demo"`) {
		t.Errorf("stories:\n%s", strings.Join(views[0], "\n"))
	}
}

func importGhostFile(t *testing.T, st *store.Store, file string) *importer.Report {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := importer.New(st, importer.Options{Now: func() time.Time { return testNow }}).Ghost(context.Background(), f, 0)
	if err != nil {
		t.Fatalf("import %s: %v", file, err)
	}
	return rep
}

// writeBigGhost writes a Ghost export of n posts (HTML, Mobiledoc and Lexical bodies of a
// few KB, with the plain text Ghost keeps beside them), the posts first and their tables after them as Ghost writes them, and returns
// its size.
func writeBigGhost(t *testing.T, file string, n int) int64 {
	t.Helper()
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	para := strings.Repeat("The harbour board met again on a demo day to talk about ferries, cranes and tides. ", 6)
	w.WriteString(`{"db":[{"meta":{"version":"5.80.0"},"data":{"posts":[`)
	for i := range n {
		if i > 0 {
			w.WriteString(",")
		}
		p := map[string]any{"id": fmt.Sprintf("p%d", i), "title": fmt.Sprintf("Demo story %d", i), "slug": fmt.Sprintf("demo-story-%d", i),
			"type": "post", "status": "published", "published_at": "2026-01-10T09:00:00.000Z", "updated_at": "2026-01-10T09:00:00.000Z",
			"html": "<p>" + strings.Repeat(para, 5) + "</p>", "plaintext": strings.Repeat(para, 5)}
		switch i % 3 {
		case 1:
			md, _ := json.Marshal(map[string]any{"version": "0.3.1", "atoms": []any{}, "markups": []any{}, "cards": []any{},
				"sections": [][]any{{1, "p", [][]any{{0, []int{}, 0, strings.Repeat(para, 5)}}}}})
			p["mobiledoc"] = string(md)
		case 2:
			lex, _ := json.Marshal(map[string]any{"root": map[string]any{"type": "root", "children": []any{
				map[string]any{"type": "paragraph", "children": []any{map[string]any{"type": "text", "text": strings.Repeat(para, 5), "format": 0}}}}}})
			p["lexical"] = string(lex)
		}
		b, _ := json.Marshal(p)
		w.Write(b)
	}
	w.WriteString(`],"posts_authors":[`)
	for i := range n {
		if i > 0 {
			w.WriteString(",")
		}
		fmt.Fprintf(w, `{"post_id":"p%d","author_id":"a%d","sort_order":0}`, i, i%5)
	}
	w.WriteString(`],"posts_tags":[`)
	for i := range n {
		if i > 0 {
			w.WriteString(",")
		}
		fmt.Fprintf(w, `{"post_id":"p%d","tag_id":"t%d","sort_order":0}`, i, i%20)
	}
	w.WriteString(`],"settings":[{"key":"title","value":"Big Demo"},{"key":"url","value":"https://big.example.org"}],"tags":[`)
	for i := range 20 {
		if i > 0 {
			w.WriteString(",")
		}
		fmt.Fprintf(w, `{"id":"t%d","name":"Topic %d","slug":"topic-%d"}`, i, i, i)
	}
	w.WriteString(`],"users":[`)
	for i := range 5 {
		if i > 0 {
			w.WriteString(",")
		}
		fmt.Fprintf(w, `{"id":"a%d","name":"Writer %d","slug":"writer-%d","email":"w%d@big.example.org"}`, i, i, i, i)
	}
	w.WriteString(`]}}]}`)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// watchHeap collects the garbage, then samples the live heap (as of the last collection)
// and the heap in use until the returned function is called. That function logs the
// growths and fails t if the live heap grew by a quarter of size or more, or the heap in
// use (garbage not yet collected included) by its size or more: reading the export
// whole would take more than its size.
func watchHeap(t *testing.T, what string, size int64) func() {
	t.Helper()
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	read := func() (live, inuse int64) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		metrics.Read(sample)
		return int64(sample[0].Value.Uint64()), int64(ms.HeapInuse)
	}
	baseLive, baseInuse := read()
	var peakLive, peakInuse int64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			live, inuse := read()
			peakLive, peakInuse = max(peakLive, live), max(peakInuse, inuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	start := time.Now()
	return func() {
		t.Helper()
		close(done)
		wg.Wait()
		live, inuse := peakLive-baseLive, peakInuse-baseInuse
		t.Logf("%s %d MB in %s: the live heap grew by %.1f MB, the heap in use by %.1f MB",
			what, size>>20, time.Since(start).Round(time.Millisecond), float64(live)/(1<<20), float64(inuse)/(1<<20))
		// The import runs the collector at GOGC 400 (importer.go), so the heap in use may
		// hold several times the live heap in garbage; the live heap is the measure.
		if live >= size/4 || inuse >= size {
			t.Errorf("%s a %d MB export: the live heap grew by %d MB, the heap in use by %d MB", what, size>>20, live>>20, inuse>>20)
		}
	}
}

// TestImportGhostLargeBoundedMemory imports a Ghost export of 10,000 posts (over 40 MB),
// posts first, into SQLite: the heap grows by far less than the file. (It takes some 10
// s on two cores; TestReadGhostLargeBoundedMemory checks the reader alone.)
func TestImportGhostLargeBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 20,000 posts")
	}
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	file := filepath.Join(t.TempDir(), "big.json")
	const n = 10_000
	size := writeBigGhost(t, file, n)
	if size < 40<<20 {
		t.Fatalf("the export is %d bytes, want over 40 MB", size)
	}
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	check := watchHeap(t, "importing", size)
	rep := importGhostFile(t, st, file)
	check()
	if got := count(rep, "post"); got != fmt.Sprintf("%d/0/0/0", n) {
		t.Errorf("posts %s", got)
	}
	if files := spoolFiles(t, dir); len(files) > 0 {
		t.Errorf("spool files left behind: %v", files)
	}
	// The relations, after the posts, were applied.
	a, err := st.ExportArticles(context.Background(), 0, 2)
	if err != nil || len(a) != 2 {
		t.Fatalf("%v %v", a, err)
	}
	if a[1].Slug != "demo-story-1" || a[1].Section.Key != "topic-1" || a[1].Byline != "Writer 1" || !strings.Contains(a[1].BodyMD, "ferries, cranes and tides") {
		t.Errorf("story 1: %s", storyView(a[1]))
	}
}

// TestImportGhostTruncatedImportsNothing imports exports cut short, in the posts and after
// them (where the posts wait in the spool): nothing is imported.
func TestImportGhostTruncatedImportsNothing(t *testing.T) {
	tables := ghostTables(t)
	export := `{"db": [{"data": ` + ghostData(tables, "settings", "users", "tags", "posts_tags", "posts_authors", "posts") + "}]}"
	spooled := `{"db": [{"data": ` + ghostData(tables, "posts", "posts_authors", "posts_tags", "settings", "tags", "users") + "}]}"
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	for _, c := range []struct{ name, export string }{
		{"in the second post, handed over as read", export[:strings.Index(export, `"lexical-cranes"`)]},
		{"before the end", export[:len(export)-2]},
		{"after the spooled posts", spooled[:strings.Index(spooled, `"users"`)]},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "cut.json")
			if err := os.WriteFile(file, []byte(c.export), 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = importer.New(st, importer.Options{}).Ghost(context.Background(), f, 0)
			var se *importer.SyntaxError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), "nothing was imported") ||
				!strings.Contains(err.Error(), fmt.Sprintf("unexpected end of file (at byte %d)", len(c.export))) {
				t.Fatalf("got %v, want a syntax error at the end", err)
			}
			if empty, err := st.IsEmpty(context.Background()); err != nil || !empty {
				t.Errorf("the database is not empty (%v)", err)
			}
			if files := spoolFiles(t, dir); len(files) > 0 {
				t.Errorf("spool files left behind: %v", files)
			}
		})
	}
}

// discard is a Handler that counts the posts it is given.
type discard struct{ posts, bytes int }

func (d *discard) Site(importer.Site) error     { return nil }
func (d *discard) Author(importer.Author) error { return nil }
func (d *discard) Category(importer.Term) error { return nil }
func (d *discard) Tag(importer.Term) error      { return nil }
func (d *discard) Post(p *importer.Post) error {
	d.posts++
	d.bytes += len(p.Content)
	return nil
}

// TestReadGhostLargeBoundedMemory reads a Ghost export of 20,000 posts (over 40 MB), posts
// first, without a database: the reader's heap stays far below the file's size.
func TestReadGhostLargeBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads an export of over 40 MB")
	}
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	file := filepath.Join(t.TempDir(), "big.json")
	const n = 20_000
	size := writeBigGhost(t, file, n)
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	check := watchHeap(t, "reading", size)
	var h discard
	err = importer.ReadGhost(f, &h)
	check()
	if err != nil {
		t.Fatal(err)
	}
	if h.posts != n {
		t.Errorf("%d posts handed over, want %d", h.posts, n)
	}
}

// stopper is a Handler that fails at its nth post, or (with an Err method, as the
// importer's handler may have) says to stop once stop is set.
type stopper struct {
	discard
	failAt int
	stop   bool
}

var errStop = errors.New("stop here")

func (s *stopper) Post(p *importer.Post) error {
	if s.discard.Post(p); s.posts == s.failAt {
		return errStop
	}
	return nil
}

func (s *stopper) Err() error {
	if s.stop {
		return errStop
	}
	return nil
}

// TestReadGhostHandlerStops checks that an error from the handler stops the reading and
// is returned as it is, whether posts are handed over as read or from the spool, and that
// a handler's Err stops a reading that hands nothing over.
func TestReadGhostHandlerStops(t *testing.T) {
	tables := ghostTables(t)
	for name, export := range map[string]string{
		"as read":    `{"db": [{"data": ` + ghostData(tables, "settings", "users", "tags", "posts_tags", "posts_authors", "posts") + "}]}",
		"from spool": `{"db": [{"data": ` + ghostData(tables, "posts", "settings", "users", "tags", "posts_tags", "posts_authors") + "}]}",
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv("TMPDIR", t.TempDir())
			h := &stopper{failAt: 2}
			if err := importer.ReadGhost(strings.NewReader(export), h); !errors.Is(err, errStop) || h.posts != 2 {
				t.Errorf("got %v after %d posts, want %v after 2", err, h.posts, errStop)
			}
		})
	}
	t.Run("while spooling", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv("TMPDIR", dir)
		var b strings.Builder
		b.WriteString(`{"db": [{"data": {"posts": [`)
		for i := range 5000 {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id": "p%d", "html": "<p>x</p>"}`, i)
		}
		b.WriteString(`]}}]}`)
		h := &stopper{stop: true}
		if err := importer.ReadGhost(strings.NewReader(b.String()), h); !errors.Is(err, errStop) || h.posts != 0 {
			t.Errorf("got %v after %d posts, want %v before any", err, h.posts, errStop)
		}
		if files := spoolFiles(t, dir); len(files) > 0 {
			t.Errorf("spool files left behind: %v", files)
		}
	})
}
