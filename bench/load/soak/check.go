package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/bench/newsroomapi"
)

// verify reads back every acknowledged write: each published story must be published in
// the API and answer 200 at its public URL; each acknowledged review must be in the
// moderation list (in whatever state the spam defence put it).
func (s *soak) verify(ctx context.Context) (missingPubs, unseenPubs, missingReviews []string, err error) {
	for _, p := range s.pubs {
		var st storyJSON
		var err error
		// A slow or busy server is not a lost write: ask again before giving up, and
		// count only a clear answer (404, another status) as missing.
		for try := 0; try < 3; try++ {
			if err = s.api(ctx, "GET", fmt.Sprintf("/articles/%d", p.ID), nil, &st, 200); err == nil || errors.Is(err, newsroomapi.ErrStatus) {
				break
			}
			time.Sleep(time.Second)
		}
		if errors.Is(err, newsroomapi.ErrStatus) {
			missingPubs = append(missingPubs, fmt.Sprintf("story %d: %v", p.ID, err))
			continue
		}
		if err != nil {
			return missingPubs, unseenPubs, nil, fmt.Errorf("read back story %d: %w", p.ID, err)
		}
		if st.Status != "published" {
			missingPubs = append(missingPubs, fmt.Sprintf("story %d: status %q", p.ID, st.Status))
		}
		if _, err := s.get(ctx, p.Path, nil); err != nil {
			unseenPubs = append(unseenPubs, fmt.Sprintf("story %d: %v", p.ID, err))
		}
	}
	if len(s.reviews) == 0 {
		return missingPubs, unseenPubs, nil, nil
	}
	want := map[string]string{}
	for _, r := range s.reviews {
		want[r.Text] = r.Path
	}
	// The list is newest first, so the soak's reviews come first; stop when all are found.
	const page = 200
	for offset := 0; len(want) > 0; offset += page {
		var list struct {
			Reviews []struct {
				Text string `json:"text"`
			} `json:"reviews"`
		}
		if err := s.api(ctx, "GET", fmt.Sprintf("/reviews?limit=%d&offset=%d", page, offset), nil, &list, 200); err != nil {
			return missingPubs, unseenPubs, nil, fmt.Errorf("list reviews: %w", err)
		}
		for _, r := range list.Reviews {
			delete(want, r.Text)
		}
		if len(list.Reviews) < page {
			break
		}
	}
	for text, path := range want {
		missingReviews = append(missingReviews, fmt.Sprintf("%s: %q", path, text))
	}
	slices.Sort(missingReviews)
	return missingPubs, unseenPubs, missingReviews, nil
}

// memory samples a process's resident memory (VmRSS and RssAnon, in kB).
type memory struct {
	pid     int
	mu      sync.Mutex
	samples []memSample
}

type memSample struct {
	at          time.Duration // since the start of the run
	rss, anonKB int64
}

func newMemory(pid int) *memory { return &memory{pid: pid} }

func (m *memory) sample(ctx context.Context, start time.Time, every time.Duration) {
	if m.pid <= 0 {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if rss, anon, err := readRSS(m.pid); err == nil {
			m.mu.Lock()
			m.samples = append(m.samples, memSample{at: time.Since(start), rss: rss, anonKB: anon})
			m.mu.Unlock()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// readRSS reads VmRSS and RssAnon (kB) from /proc/PID/status.
func readRSS(pid int) (rss, anon int64, err error) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		switch fields[0] {
		case "VmRSS:":
			rss, _ = strconv.ParseInt(fields[1], 10, 64)
		case "RssAnon:":
			anon, _ = strconv.ParseInt(fields[1], 10, 64)
		}
	}
	return rss, anon, sc.Err()
}

// MemorySummary compares the server's anonymous resident memory (RssAnon: heap, stacks;
// what a leak grows) just after the warm-up with the end of the run: the median of the
// samples in a window after the warm-up against the median of the samples in a window of
// the same length at the end (a median, because the garbage collector makes the level
// saw-toothed). VmRSS also counts file pages, such as the database file SQLite maps into
// memory, which are the kernel's page cache: reported, not judged.
type MemorySummary struct {
	Sampled                bool
	Samples                int
	AfterWarmupMB, FinalMB float64 // RssAnon medians
	PeakMB, PeakAnonMB     float64 // VmRSS and RssAnon peaks
	Growth                 float64 // FinalMB/AfterWarmupMB - 1
}

func (m *memory) summary(warmup, duration time.Duration) MemorySummary {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.samples) < 3 {
		return MemorySummary{}
	}
	window := max((duration-warmup)/10, 3*time.Second)
	var early, late []int64
	out := MemorySummary{Sampled: true, Samples: len(m.samples)}
	end := m.samples[len(m.samples)-1].at
	for _, s := range m.samples {
		out.PeakMB = max(out.PeakMB, float64(s.rss)/1024)
		out.PeakAnonMB = max(out.PeakAnonMB, float64(s.anonKB)/1024)
		if s.at >= warmup && s.at < warmup+window {
			early = append(early, s.anonKB)
		}
		if s.at > end-window && s.at >= warmup+window {
			late = append(late, s.anonKB)
		}
	}
	if len(early) == 0 || len(late) == 0 {
		return out
	}
	out.AfterWarmupMB, out.FinalMB = median(early)/1024, median(late)/1024
	out.Growth = out.FinalMB/out.AfterWarmupMB - 1
	return out
}

func median(v []int64) float64 {
	slices.Sort(v)
	if len(v)%2 == 1 {
		return float64(v[len(v)/2])
	}
	return float64(v[len(v)/2-1]+v[len(v)/2]) / 2
}

// listenerPID finds the process listening on the port of a loopback URL, through
// /proc/net/tcp{,6} (the socket's inode) and /proc/*/fd (who holds it).
func listenerPID(base string) (int, error) {
	u, err := url.Parse(base)
	if err != nil {
		return 0, err
	}
	port := u.Port()
	if port == "" {
		port = "80"
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return 0, fmt.Errorf("%s is not on this machine", u.Host)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return 0, err
	}
	hexPort := fmt.Sprintf(":%04X", p)
	inodes := map[string]bool{}
	for _, name := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(name) // #nosec G304 -- one of two fixed /proc paths
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Fields(line)
			// sl local_address rem_address st ... inode (10th field); st 0A is LISTEN
			if len(f) > 9 && strings.HasSuffix(f[1], hexPort) && f[3] == "0A" {
				inodes["socket:["+f[9]+"]"] = true
			}
		}
	}
	if len(inodes) == 0 {
		return 0, fmt.Errorf("nothing listens on port %d", p)
	}
	procs, _ := filepath.Glob("/proc/[0-9]*/fd/*")
	for _, fd := range procs {
		if link, err := os.Readlink(fd); err == nil && inodes[link] {
			return strconv.Atoi(strings.Split(fd, "/")[2])
		}
	}
	return 0, fmt.Errorf("no process found holding the listener on port %d", p)
}
