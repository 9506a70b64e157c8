package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Report is the outcome of a soak run.
type Report struct {
	Config    Config
	Elapsed   time.Duration
	PID       int
	Stats     map[string]*stat
	Refused   int // reviews answered 429 (counted among the review errors too)
	Publishes int // acknowledged
	Reviews   int // acknowledged
	Memory    MemorySummary

	MissingPublishes []string // acknowledged but not published in the database
	UnseenPublishes  []string // published but their public URL did not answer 200
	MissingReviews   []string // acknowledged but not in the database
	CheckErr         error    // the read-back itself failed
}

// Errors is the number of failed requests of every kind.
func (r *Report) Errors() int {
	n := 0
	for _, st := range r.Stats {
		n += st.errs
	}
	return n
}

// Problems lists every failed check; none means the soak passed.
func (r *Report) Problems() []string {
	var p []string
	if n := r.Errors(); n > 0 {
		p = append(p, fmt.Sprintf("%d requests failed", n))
	}
	if r.Publishes == 0 && r.Config.PublishesPerSec > 0 {
		p = append(p, "no publish was acknowledged")
	}
	if r.Reviews == 0 && r.Config.ReviewsPerSec > 0 {
		p = append(p, "no review was acknowledged")
	}
	if len(r.MissingPublishes) > 0 {
		p = append(p, fmt.Sprintf("%d acknowledged publishes are not in the database", len(r.MissingPublishes)))
	}
	if len(r.UnseenPublishes) > 0 {
		p = append(p, fmt.Sprintf("%d published stories do not answer at their public URL", len(r.UnseenPublishes)))
	}
	if len(r.MissingReviews) > 0 {
		p = append(p, fmt.Sprintf("%d acknowledged reviews are not in the database", len(r.MissingReviews)))
	}
	if r.CheckErr != nil {
		p = append(p, "read-back failed: "+r.CheckErr.Error())
	}
	if r.Memory.AfterWarmupMB > 0 && r.Memory.Growth > r.Config.MaxGrowth {
		p = append(p, fmt.Sprintf("anonymous resident memory grew %.1f%% after warm-up (limit %.0f%%)", 100*r.Memory.Growth, 100*r.Config.MaxGrowth))
	}
	return p
}

// OK reports whether every check passed.
func (r *Report) OK() bool { return len(r.Problems()) == 0 }

// Print writes the summary.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "Soak of %s: %s (warm-up %s), %d readers, %.2g reviews/s, %.2g publishes/s\n\n",
		r.Config.URL, r.Elapsed.Round(time.Second), r.Config.Warmup, r.Config.Readers, r.Config.ReviewsPerSec, r.Config.PublishesPerSec)
	fmt.Fprintln(w, "| kind | requests | req/s | p50 ms | p99 ms | max ms | errors |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	kinds := make([]string, 0, len(r.Stats))
	for k := range r.Stats {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		st := r.Stats[k]
		l := slices.Clone(st.latencies)
		slices.Sort(l)
		fmt.Fprintf(w, "| %s | %d | %.1f | %.2f | %.2f | %.2f | %d |\n", k, st.n, float64(st.n)/r.Elapsed.Seconds(),
			ms(pct(l, 50)), ms(pct(l, 99)), ms(pct(l, 100)), st.errs)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "writes: %d publishes and %d reviews acknowledged (%d reviews refused with 429); missing afterwards: %d publishes, %d reviews; published but not served: %d\n",
		r.Publishes, r.Reviews, r.Refused, len(r.MissingPublishes), len(r.MissingReviews), len(r.UnseenPublishes))
	if m := r.Memory; m.AfterWarmupMB > 0 {
		fmt.Fprintf(w, "memory (pid %d, RssAnon): %.0f MB after warm-up, %.0f MB at the end (%+.1f%%), peak %.0f MB; VmRSS peak %.0f MB (with file pages such as the mapped database); %d samples\n",
			r.PID, m.AfterWarmupMB, m.FinalMB, 100*m.Growth, m.PeakAnonMB, m.PeakMB, m.Samples)
	} else {
		fmt.Fprintln(w, "memory: not checked (no server process found; give --pid, or run longer than the warm-up)")
	}
	for _, st := range r.Stats {
		for _, e := range st.firstErrs {
			fmt.Fprintln(w, "  error:", e)
		}
	}
	for _, list := range [][]string{r.MissingPublishes, r.UnseenPublishes, r.MissingReviews} {
		for _, e := range list[:min(len(list), 5)] {
			fmt.Fprintln(w, "  lost:", e)
		}
	}
	if p := r.Problems(); len(p) > 0 {
		fmt.Fprintf(w, "\nFAIL: %s\n", strings.Join(p, "; "))
	} else {
		fmt.Fprintln(w, "\nPASS: no errors, no lost writes, memory within bounds")
	}
}

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
