package gen

import (
	"context"
	"slices"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
)

// linkedShare is the share of briefs that link to a story.
const linkedShare = 0.15

// makeBriefs composes batch k of the briefs: one paragraph each, in the batch's slice of
// time, some of them the first word of a story published a little later.
func (g *generator) makeBriefs(k int) []content.Brief {
	nb := batchCount(g.o.Briefs, g.o.BatchSize)
	n := min(g.o.BatchSize, g.o.Briefs-k*g.o.BatchSize)
	r := g.rng(2, k)
	writers := make([]*writer, len(g.langs))
	for i, lx := range g.langs {
		writers[i] = &writer{r: r, lx: lx}
	}
	from, width := g.window(k, nb)
	times := make([]time.Duration, n)
	for i := range times {
		times[i] = time.Duration(r.Int64N(int64(width)))
	}
	slices.Sort(times)
	out := make([]content.Brief, n)
	for i := range out {
		li := r.IntN(len(g.langs))
		b := content.Brief{
			Language:    g.langs[li].code,
			Section:     g.sections[r.IntN(len(g.sections))],
			Text:        writers[li].text(20 + r.IntN(26)),
			PublishedAt: from.Add(times[i]).Truncate(time.Second),
		}
		if refs := g.refs[li]; len(refs) > 0 && r.Float64() < linkedShare {
			ref := refs[r.IntN(len(refs))]
			b.ArticleID, b.Section = ref.id, g.sections[ref.section]
			b.PublishedAt = ref.published.Add(-time.Duration(5+r.IntN(180)) * time.Minute)
		}
		out[i] = b
	}
	return out
}

// writeBriefs makes the brief batches on spare cores and writes each in a transaction.
func (g *generator) writeBriefs(ctx context.Context, ld *store.Loader, stats *Stats) error {
	nb := batchCount(g.o.Briefs, g.o.BatchSize)
	start := time.Now()
	return batches(ctx, nb, g.makeBriefs, func(k int, list []content.Brief) error {
		err := ld.WithTx(ctx, func(bk *store.Bulk) error {
			for _, b := range list {
				if _, err := bk.Brief(ctx, b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, b := range list {
			stats.Briefs++
			if b.ArticleID != 0 {
				stats.LinkedBriefs++
			}
		}
		g.progress("briefs", stats.Briefs, g.o.Briefs, start)
		return nil
	})
}
