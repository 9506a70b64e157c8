package gen

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
)

// translatedShare is the share of articles that belong to a group with other languages.
const translatedShare = 0.30

// story is one translation group: its versions, each in another language.
type story struct {
	versions []content.Article
	langs    []int // language index of each version
	section  int
}

// articleBatch is the stories of one transaction.
type articleBatch struct {
	stories []story
}

// batchCount is the number of batches of size b that hold n rows.
func batchCount(n, b int) int { return (n + b - 1) / b }

// window returns the slice of the edition's time that batch k of n covers.
func (g *generator) window(k, n int) (from time.Time, width time.Duration) {
	step := span / time.Duration(n)
	return g.now.Add(-span + time.Duration(k)*step), step
}

// makeArticles composes batch k: stories in the batch's slice of time, oldest first.
func (g *generator) makeArticles(k int) articleBatch {
	nb := batchCount(g.o.Articles, g.o.BatchSize)
	left := min(g.o.BatchSize, g.o.Articles-k*g.o.BatchSize)
	r := g.rng(1, k)
	writers := make([]*writer, len(g.langs))
	for i, lx := range g.langs {
		writers[i] = &writer{r: r, lx: lx}
	}
	// The share of stories with several versions that makes translatedShare of the articles.
	perGroup := 2.0
	if len(g.langs) > 2 {
		perGroup = 2.5
	}
	multi := translatedShare / (perGroup - translatedShare*(perGroup-1))

	from, width := g.window(k, nb)
	var b articleBatch
	number := k * g.o.BatchSize // stories are numbered, for unique slugs
	for left > 0 {
		n := 1
		if len(g.langs) > 1 && r.Float64() < multi {
			n = 2 + r.IntN(min(2, len(g.langs)-1))
		}
		n = min(n, left)
		left -= n
		langs := r.Perm(len(g.langs))[:n]
		b.stories = append(b.stories, g.makeStory(r, writers, langs, number))
		number++
	}
	times := make([]time.Duration, len(b.stories))
	for i := range times {
		times[i] = time.Duration(r.Int64N(int64(width)))
	}
	slices.Sort(times)
	for i := range b.stories {
		g.date(r, &b.stories[i], from.Add(times[i]).Truncate(time.Second))
	}
	return b
}

// makeStory writes the versions of one story, undated.
func (g *generator) makeStory(r *rand.Rand, writers []*writer, langs []int, number int) story {
	s := story{langs: langs, section: r.IntN(len(g.sections))}
	au := g.authors[r.IntN(len(g.authors))]
	city := r.IntN(len(g.langs[0].cities))
	for _, li := range langs {
		w, lx := writers[li], g.langs[li]
		a := content.Article{
			Language:   lx.code,
			Section:    g.sections[s.section],
			Author:     content.Author{ID: au.id},
			Byline:     lx.first[au.first] + " " + lx.last[au.last],
			BylineRole: lx.roles[au.role],
			Dateline:   lx.cities[city],
			Headline:   w.headline(),
			Standfirst: w.text(20 + r.IntN(11)),
			Tags:       lx.pickTags(r, 2+r.IntN(3)),
		}
		a.Slug = slug(a.Headline, number)
		a.Slugline = strings.ToUpper(g.sections[s.section].Key) + "-" + strconv.Itoa(number)
		a.BodyMD, a.BodyHTML = w.body()
		s.versions = append(s.versions, a)
	}
	return s
}

// date gives a story its workflow state and times: most are published at t (translations a
// little later), a few are drafts, withdrawn, under embargo or scheduled.
func (g *generator) date(r *rand.Rand, s *story, t time.Time) {
	minutes := func(lo, hi int) time.Duration { return time.Duration(lo+r.IntN(hi-lo+1)) * time.Minute }
	capNow := func(x time.Time) time.Time {
		if x.After(g.now) {
			return g.now
		}
		return x
	}
	state := r.IntN(100)
	lead := r.IntN(100) < 4
	for i := range s.versions {
		a := &s.versions[i]
		at := t
		if i > 0 {
			at = capNow(t.Add(minutes(5, 120)))
		}
		a.CreatedAt, a.PublishedAt, a.UpdatedAt = at.Add(-minutes(10, 240)), at, at
		a.Status = content.StatusPublished
		switch {
		case state < 3:
			a.Status, a.PublishedAt = content.StatusDraft, time.Time{}
		case state < 5: // published once, then withdrawn
			a.Status, a.UpdatedAt = content.StatusUnpublished, capNow(at.Add(minutes(60, 30*24*60)))
			a.FirstPublishedAt = at
		case state < 6: // under embargo until a time to come
			a.CreatedAt = g.now.Add(-minutes(60, 48*60))
			a.PublishedAt, a.UpdatedAt = a.CreatedAt, a.CreatedAt
			a.EmbargoUntil = g.now.Add(minutes(60, 48*60))
		case state < 7: // scheduled for a time to come
			a.Status = content.StatusScheduled
			a.CreatedAt = g.now.Add(-minutes(60, 48*60))
			a.PublishedAt, a.UpdatedAt = g.now.Add(minutes(60, 72*60)), a.CreatedAt
		default:
			if a.Lead = lead; lead {
				a.Urgency = 3
			}
			if r.IntN(4) == 0 {
				a.UpdatedAt = capNow(at.Add(minutes(10, 48*60)))
			}
		}
	}
}

// writeArticles makes the article batches on spare cores and writes each in a transaction.
func (g *generator) writeArticles(ctx context.Context, ld *store.Loader, stats *Stats) error {
	nb := batchCount(g.o.Articles, g.o.BatchSize)
	tagIDs := make([]map[string]int64, len(g.langs)) // language index → tag slug → id
	for i := range tagIDs {
		tagIDs[i] = map[string]int64{}
	}
	start := time.Now()
	return batches(ctx, nb, g.makeArticles, func(k int, b articleBatch) error {
		var refs [][]articleRef
		var newTags []map[string]int64
		var written, public, translated int
		err := ld.WithTx(ctx, func(bk *store.Bulk) error {
			refs, newTags, written, public, translated = make([][]articleRef, len(g.langs)), make([]map[string]int64, len(g.langs)), 0, 0, 0
			var ids []int64
			for _, s := range b.stories {
				gid, err := bk.Group(ctx, s.versions[0].CreatedAt)
				if err != nil {
					return err
				}
				for i, a := range s.versions {
					li := s.langs[i]
					ids = ids[:0]
					for _, t := range a.Tags {
						id, ok := tagIDs[li][t.Slug]
						if !ok {
							id, ok = newTags[li][t.Slug]
						}
						if !ok {
							if id, err = bk.Tag(ctx, a.Language, t); err != nil {
								return err
							}
							if newTags[li] == nil {
								newTags[li] = map[string]int64{}
							}
							newTags[li][t.Slug] = id
						}
						ids = append(ids, id)
					}
					a.GroupID = gid
					id, err := bk.Article(ctx, a, ids)
					if err != nil {
						return err
					}
					written++
					if len(s.versions) > 1 {
						translated++
					}
					if a.PublicAt(g.now) {
						public++
						refs[li] = append(refs[li], articleRef{id: id, section: s.section, published: a.PublishedAt})
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i := range refs {
			g.refs[i] = append(g.refs[i], refs[i]...)
			for slug, id := range newTags[i] {
				tagIDs[i][slug] = id
			}
			g.tagsUsed[g.langs[i].code] = len(tagIDs[i])
		}
		stats.Articles += written
		stats.Public += public
		stats.Translated += translated
		stats.Groups += len(b.stories)
		g.progress("articles", stats.Articles, g.o.Articles, start)
		return nil
	})
}
