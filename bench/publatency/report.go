package publatency

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/bench/wire"
)

// Row is one channel's figures: from each story's origin to the first sign of it there.
type Row struct {
	Channel string
	Times   wire.Durations
	Missed  int // stories the channel had not shown within the timeout
}

// Report summarises a run.
type Report struct {
	Published, Scheduled []Row
	Expected             int // webhook deliveries: stories × subscribers
	Lost                 int // of those, never received
	Deliveries           Deliveries
	WireRepeated         int // items beyond the first of a story on the pull API
	StreamRepeated       int // events beyond the first of a story on a live stream
}

// Summary rows: the last of several channels, per story.
const (
	lastPolled    = "last of page, feeds, sitemaps, search, pull"
	lastScheduled = "last of all the above"
	answered      = "publish request answered"
)

// Summarise computes the figures of a run; stories are the warm-up's excluded, but its
// webhooks are counted.
func Summarise(res Result, recv *Receiver, subscribers int) Report {
	recv.mu.Lock()
	rep := Report{Deliveries: recv.counts}
	recv.mu.Unlock()
	var pub, sched []*Story
	for _, s := range res.Stories {
		rep.Expected += subscribers
		rep.Lost += recv.missing(s.ID)
		for ch, n := range s.items {
			if ch == chanPull {
				rep.WireRepeated += max(0, n-1)
			} else {
				rep.StreamRepeated += max(0, n-1)
			}
		}
		switch {
		case s.Warmup:
		case s.Scheduled:
			sched = append(sched, s)
		default:
			pub = append(pub, s)
		}
	}
	if len(pub) > 0 {
		a := Row{Channel: answered}
		for _, s := range pub {
			a.Times = append(a.Times, s.Answered)
		}
		rep.Published = append(rows(pub, res.Published, lastPolled, polled(res.Published)), a)
	}
	if len(sched) > 0 {
		rep.Scheduled = rows(sched, res.Scheduled, lastScheduled, res.Scheduled)
	}
	return rep
}

// polled is the channels that are asked (pages, feeds, sitemaps, search, pull), not pushed.
func polled(channels []string) []string {
	var out []string
	for _, ch := range channels {
		if !strings.HasPrefix(ch, chanStream) && !strings.HasPrefix(ch, "webhook") {
			out = append(out, ch)
		}
	}
	return out
}

// rows is a row per channel, and one for the last of the channels in last.
func rows(stories []*Story, channels []string, lastName string, last []string) []Row {
	var out []Row
	for _, ch := range slices.Concat(channels, []string{lastName}) {
		r := Row{Channel: ch}
		for _, s := range stories {
			var t time.Time
			if ch == lastName {
				for _, c := range last {
					if s.seen[c].IsZero() {
						t = time.Time{}
						break
					}
					if s.seen[c].After(t) {
						t = s.seen[c]
					}
				}
			} else {
				t = s.seen[ch]
			}
			if t.IsZero() {
				r.Missed++
				continue
			}
			r.Times = append(r.Times, t.Sub(s.Origin))
		}
		out = append(out, r)
	}
	return out
}

// Err says what went wrong in the run: a story a channel never showed, a webhook lost,
// duplicated, badly signed or unexpected, a story released twice; nil when nothing did.
func (r Report) Err() error {
	var errs []error
	for _, row := range append(r.Published, r.Scheduled...) {
		if row.Missed > 0 {
			errs = append(errs, fmt.Errorf("%s: %d stories never shown", row.Channel, row.Missed))
		}
	}
	d := r.Deliveries
	if r.Lost > 0 || d.Duplicated > 0 || d.BadSignature > 0 || d.Unexpected > 0 || d.OtherResponses > 0 {
		errs = append(errs, fmt.Errorf("webhooks: %d lost, %d duplicated, %d badly signed, %d unexpected, %d unreadable",
			r.Lost, d.Duplicated, d.BadSignature, d.Unexpected, d.OtherResponses))
	}
	if r.WireRepeated > 0 || r.StreamRepeated > 0 {
		errs = append(errs, fmt.Errorf("wire: %d repeated pull items, %d repeated stream events", r.WireRepeated, r.StreamRepeated))
	}
	return errors.Join(errs...)
}

// Markdown writes the tables.
func (r Report) Markdown(w io.Writer) {
	table := func(title string, rs []Row) {
		if len(rs) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n\n| channel | stories | p50 | p95 | p99 | max | missed |\n|---|--:|--:|--:|--:|--:|--:|\n", title)
		for _, row := range rs {
			if len(row.Times) == 0 {
				fmt.Fprintf(w, "| %s | 0 | – | – | – | – | %d |\n", row.Channel, row.Missed)
				continue
			}
			fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %d |\n", row.Channel, len(row.Times), ms(row.Times.Quantile(0.5)),
				ms(row.Times.Quantile(0.95)), ms(row.Times.Quantile(0.99)), ms(row.Times.Max()), row.Missed)
		}
	}
	table("Publish request sent → the story shown:", r.Published)
	table("Scheduled time → the story shown:", r.Scheduled)
	d := r.Deliveries
	fmt.Fprintf(w, "\nWebhooks: %d expected, %d received, %d lost, %d duplicated, %d bad signatures, %d unexpected (%d requests).\n",
		r.Expected, d.Received, r.Lost, d.Duplicated, d.BadSignature, d.Unexpected, d.Requests)
	fmt.Fprintf(w, "Wire: %d repeated items on the pull API, %d repeated events on the streams.\n", r.WireRepeated, r.StreamRepeated)
}

// ms writes a duration in milliseconds.
func ms(d time.Duration) string {
	return fmt.Sprintf("%d ms", d.Round(time.Millisecond).Milliseconds())
}

// rawStory is one story in the raw output: when each channel showed it, in milliseconds
// after its origin.
type rawStory struct {
	Index    int                `json:"index"`
	ID       int64              `json:"id"`
	Kind     string             `json:"kind"` // warm-up, published, scheduled
	Origin   time.Time          `json:"origin"`
	Channels map[string]float64 `json:"channels_ms"`
	Items    map[string]int     `json:"items"` // wire items and stream events of the story, by channel
}

// WriteRaw writes every story with every channel's time as JSON, for a closer look than
// the percentiles give.
func WriteRaw(w io.Writer, res Result) error {
	var out []rawStory
	for _, s := range res.Stories {
		r := rawStory{Index: s.Index, ID: s.ID, Kind: "published", Origin: s.Origin, Channels: map[string]float64{}, Items: s.items}
		switch {
		case s.Warmup:
			r.Kind = "warm-up"
		case s.Scheduled:
			r.Kind = "scheduled"
		default:
			r.Channels[answered] = float64(s.Answered.Microseconds()) / 1000
		}
		for ch, t := range s.seen {
			r.Channels[ch] = float64(t.Sub(s.Origin).Microseconds()) / 1000
		}
		out = append(out, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}
