package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// searchDocs lists the index's documents as "kind ref doc_id", in the order of their ids.
func searchDocs(t *testing.T, st *store.Store) []string {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), "SELECT kind, ref_id, doc_id FROM search_docs ORDER BY doc_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var kind string
		var ref, id int64
		if err := rows.Scan(&kind, &ref, &id); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %d %d", kind, ref, id))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReindexKeepsDocumentIDs: a rebuild gives every document the id that saving it gave
// (its state, language and time), though it reads the stories' times from an index and
// the creation time only of the stories not published, and finds the stories by their
// tags, which it reads a batch at a time (and only the articles: before, a brief was given
// the tags of the article with its id).
func TestReindexKeepsDocumentIDs(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		ctx := context.Background()
		// A draft last changed before it was created (an import can say so): its time is
		// its creation.
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateArticle(ctx, content.Article{Language: "ru", Section: f.politics, Headline: "Черновик о переговорах",
				Standfirst: "Текст.", BodyMD: "Текст.", BodyHTML: "<p>Текст.</p>", Slug: "chernovik", Status: content.StatusDraft,
				CreatedAt: f.now.Add(-time.Hour), UpdatedAt: f.now.Add(-10 * time.Hour), Tags: []content.Tag{{Name: "Diplomacy"}}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		before := searchDocs(t, st)
		tagged, _ := find(t, st, public("diplomacy ", f.now))
		if tagged == 0 {
			t.Fatal("no story found by its tag before the rebuild (the test's premise)")
		}
		if _, err := st.Reindex(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if after := searchDocs(t, st); !slices.Equal(after, before) {
			t.Errorf("documents after the rebuild:\n%s\nbefore:\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
		}
		if n, _ := find(t, st, public("diplomacy ", f.now)); n != tagged {
			t.Errorf("found by their tag after the rebuild: %d stories, before %d", n, tagged)
		}
	})
}

// TestReindexWritesFewSegments: a rebuild writes its index as segments of the size of
// FTS5's buffer of new terms, not one for each batch or document (an INSERT that opens a
// savepoint, or a document id lower than the last, makes FTS5 write out what it holds),
// and merges them into one. With 8 MiB segments the 4,000,000 documents of a million
// stories left 730 of them, and their merge took longer than writing them. SQLite only:
// PostgreSQL's index is a column of search_docs.
func TestReindexWritesFewSegments(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	f := seedSearch(t, st)
	r := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 3000)
	for i := range words {
		var b strings.Builder
		for range 5 + r.IntN(6) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		words[i] = b.String()
	}
	const briefs = 20000
	ld, err := st.NewLoader(ctx, store.LoaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	err = ld.WithTx(ctx, func(b *store.Bulk) error {
		for i := range briefs {
			text := make([]string, 12)
			for k := range text {
				text[k] = words[r.IntN(len(words))]
			}
			if _, err := b.Brief(ctx, content.Brief{Language: "en", Section: f.politics, Text: strings.Join(text, " ") + ".",
				PublishedAt: f.now.Add(-time.Duration(i) * time.Minute)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || ld.Close() != nil {
		t.Fatal(err)
	}
	const hash = 1 << 20
	st.SetRebuildHash(hash)
	stats, err := st.Reindex(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var size int
	if err := st.DB().QueryRowContext(ctx, "SELECT SUM(LENGTH(block)) FROM search_fts_data").Scan(&size); err != nil {
		t.Fatal(err)
	}
	// 40 batches of 500 documents; FTS5 counts more for its buffer than the segment it
	// writes takes (here about 8 segments).
	if batches := briefs / 500; stats.Segments < 2 || stats.Segments > batches/3 {
		t.Errorf("the rebuild wrote %d segments for an index of %d bytes, want 2 to %d (one for each %d bytes of terms gathered, not one a batch)",
			stats.Segments, size, batches/3, hash)
	}
	var left int
	if err := st.DB().QueryRowContext(ctx, "SELECT COUNT(DISTINCT segid) FROM search_fts_idx").Scan(&left); err != nil || left != 1 {
		t.Errorf("after the rebuild's merge: %d segments, want 1 (%v)", left, err)
	}
	// Saves after the rebuild gather and merge as FTS5 does by default.
	rows, err := st.DB().QueryContext(ctx, "SELECT k, v FROM search_fts_config WHERE k <> 'version' ORDER BY k")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var config []string
	for rows.Next() {
		var k string
		var v int
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		config = append(config, fmt.Sprintf("%s %d", k, v))
	}
	if want := []string{"automerge 4", "crisismerge 16", "hashsize 1048576"}; !slices.Equal(config, want) {
		t.Errorf("FTS5 settings after the rebuild %q, want %q", config, want)
	}
	if n, _ := find(t, st, public(words[0]+" ", f.now)); n == 0 {
		t.Errorf("%q not found after the rebuild", words[0])
	}
}
