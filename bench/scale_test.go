package bench_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// The benchmarks of this file ask for the pages and lists whose cost could grow with the
// archive: a big tag's pages, feeds, sitemaps and the newsroom's lists. At 10,000, 100,000
// and 1,000,000 articles (docs/performance.md, "A million stories"):
//
//	go run ./bench/cmd/gen --db /tmp/e1m.db --articles 1000000 --briefs 1000000 --search=false
//	NEWSDESK_BENCH_SQLITE=/tmp/e1m.db go test ./bench -run XXX -bench 'Tag|Feed|Sitemap|Newsroom' -benchtime 200x

// bigTags returns the tag of each language that the most stories carry, with its count.
func bigTags(b *testing.B, s *site) (slugs []string, counts []int) {
	b.Helper()
	ctx := context.Background()
	for _, lang := range s.langs {
		var slug string
		var n int
		err := s.st.DB().QueryRowContext(ctx, `SELECT t.slug, COUNT(*) FROM article_tags x JOIN tags t ON t.id = x.tag_id
			WHERE t.language = '`+lang+`' GROUP BY t.id, t.slug ORDER BY COUNT(*) DESC, t.slug LIMIT 1`).Scan(&slug, &n)
		if err != nil {
			b.Fatalf("find the biggest tag of %s: %v", lang, err)
		}
		slugs, counts = append(slugs, "/"+lang+"/tag/"+slug), append(counts, n)
	}
	return slugs, counts
}

// BenchmarkTagPage serves the pages of each language's biggest tag (30% of the stories in
// a generated edition: 100,000 in a million): the first, the 50th and the 500th.
func BenchmarkTagPage(b *testing.B) {
	backends(b, func(b *testing.B, s *site) {
		tags, counts := bigTags(b, s)
		b.Logf("biggest tags: %v with %v stories", tags, counts)
		for _, page := range []int{1, 50, 500} {
			if (page-1)*20 >= min(counts[0], counts[len(counts)-1])*9/10 {
				continue
			}
			paths := make([]string, len(tags))
			for i, t := range tags {
				paths[i] = t
				if page > 1 {
					paths[i] += fmt.Sprintf("?page=%d", page)
				}
			}
			b.Run(fmt.Sprintf("page%d", page), func(b *testing.B) { serve(b, s.h, paths) })
		}
	})
}

// BenchmarkFeed serves the RSS feeds: the site's, each language's, each section's, and each
// language's biggest tag's.
func BenchmarkFeed(b *testing.B) {
	backends(b, func(b *testing.B, s *site) {
		tags, _ := bigTags(b, s)
		var langs, secs, tagFeeds []string
		for _, h := range s.homes {
			langs = append(langs, h+"feed/rss.xml")
		}
		for _, p := range s.sections {
			secs = append(secs, p+"feed/rss.xml")
		}
		for _, t := range tags {
			tagFeeds = append(tagFeeds, t+"/feed/rss.xml")
		}
		b.Run("site", func(b *testing.B) { serve(b, s.h, []string{"/rss.xml"}) })
		b.Run("language", func(b *testing.B) { serve(b, s.h, langs) })
		b.Run("section", func(b *testing.B) { serve(b, s.h, secs) })
		b.Run("tag", func(b *testing.B) { serve(b, s.h, tagFeeds) })
	})
}

// BenchmarkSitemap serves the sitemap index, the news sitemap and the story sitemaps (the
// stories of 10,000 ids a page): the first, the middle and the last.
func BenchmarkSitemap(b *testing.B) {
	backends(b, func(b *testing.B, s *site) {
		last, err := s.st.LastPublicArticleID(context.Background(), time.Now())
		if err != nil {
			b.Fatal(err)
		}
		pages := int((last + 9999) / 10000)
		b.Run("index", func(b *testing.B) { serve(b, s.h, []string{"/sitemap.xml"}) })
		b.Run("news", func(b *testing.B) { serve(b, s.h, []string{"/news-sitemap.xml"}) })
		for _, p := range []struct {
			name string
			n    int
		}{{"stories-first", 1}, {"stories-middle", (pages + 1) / 2}, {"stories-last", pages}} {
			path := fmt.Sprintf("/sitemaps/stories-%d.xml", p.n)
			b.Run(p.name, func(b *testing.B) { serve(b, s.h, []string{path}) })
		}
	})
}

// BenchmarkNewsroomList runs the newsroom's story lists (the desk's list page and dashboard,
// the API's GET /api/v1/articles) with their filters: 100 stories, most recently changed
// first, bodies included, as the desk asks for them. The headline searches look for a word
// of the newest headline, its first three letters, and a word no headline has.
func BenchmarkNewsroomList(b *testing.B) {
	backends(b, func(b *testing.B, s *site) {
		ctx, now := context.Background(), time.Now()
		secs, err := s.st.Sections(ctx, s.langs[len(s.langs)-1])
		if err != nil || len(secs) == 0 {
			b.Fatalf("sections: %v", err)
		}
		sec, lang := secs[len(secs)-1].ID, s.langs[len(s.langs)-1]
		common := commonHeadlineWord(b, s)
		for _, tc := range []struct {
			name  string
			q     newsroom.ArticleQuery
			count bool // also count, as the dashboard does for what it does not show
		}{
			{"all", newsroom.ArticleQuery{}, false},
			{"status-submitted", newsroom.ArticleQuery{Status: content.StatusSubmitted}, false},
			{"status-draft", newsroom.ArticleQuery{Status: content.StatusDraft}, false},
			{"published-language", newsroom.ArticleQuery{Status: content.StatusPublished, Language: lang}, false},
			{"language-section", newsroom.ArticleQuery{Language: lang, SectionID: sec}, false},
			{"draft-language-section", newsroom.ArticleQuery{Status: content.StatusDraft, Language: lang, SectionID: sec}, false},
			{"search-common", newsroom.ArticleQuery{Search: common}, false},
			{"search-none", newsroom.ArticleQuery{Search: "qqzzxq"}, false},
			{"search-prefix", newsroom.ArticleQuery{Search: string([]rune(common)[:3])}, false},
			{"search-common-language-section", newsroom.ArticleQuery{Search: common, Language: lang, SectionID: sec}, false},
			{"search-common-drafts", newsroom.ArticleQuery{Search: common, Status: content.StatusDraft}, true},
			{"dashboard-scheduled", newsroom.ArticleQuery{Status: content.StatusScheduled, Due: true, Limit: 5}, true},
			{"dashboard-embargoed", newsroom.ArticleQuery{Status: content.StatusPublished, EmbargoedAfter: now, Due: true, Limit: 5}, true},
		} {
			if tc.q.Limit == 0 {
				tc.q.Limit = 100
			}
			b.Run(tc.name, func(b *testing.B) {
				lat := make([]time.Duration, 0, 1024)
				b.ReportAllocs()
				for b.Loop() {
					t0 := time.Now()
					if _, err := s.st.NewsroomArticles(ctx, tc.q); err != nil {
						b.Fatal(err)
					}
					if tc.count {
						if _, err := s.st.CountNewsroomArticles(ctx, tc.q); err != nil {
							b.Fatal(err)
						}
					}
					lat = append(lat, time.Since(t0))
				}
				b.StopTimer()
				reportLatency(b, lat)
			})
		}
	})
}

// commonHeadlineWord returns a word of the newest headline: one an editor might look for.
func commonHeadlineWord(b *testing.B, s *site) string {
	b.Helper()
	var h string
	if err := s.st.DB().QueryRowContext(context.Background(), "SELECT headline FROM articles ORDER BY id DESC LIMIT 1").Scan(&h); err != nil {
		b.Fatal(err)
	}
	words := strings.Fields(h)
	best := words[0]
	for _, w := range words {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}
