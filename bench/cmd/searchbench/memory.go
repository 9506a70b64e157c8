package main

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"sync"
	"time"
)

// memoryPeak samples the process's resident memory while something runs: RssAnon (its own
// memory: Go's heap and SQLite's page cache and buffers) and RssFile (pages of the database
// file mapped by SQLite's mmap, shared with the kernel's page cache and given back under
// pressure). Linux only; elsewhere the peaks stay 0.
type memoryPeak struct {
	anon, file int64 // KiB
	stop       chan struct{}
	done       sync.WaitGroup
	mu         sync.Mutex
}

// startMemoryPeak starts sampling every interval.
func startMemoryPeak(interval time.Duration) *memoryPeak {
	m := &memoryPeak{stop: make(chan struct{})}
	m.sample()
	m.done.Add(1)
	go func() {
		defer m.done.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-m.stop:
				return
			case <-t.C:
				m.sample()
			}
		}
	}()
	return m
}

// Stop ends the sampling and returns the peaks in MiB.
func (m *memoryPeak) Stop() (anonMiB, fileMiB float64) {
	close(m.stop)
	m.done.Wait()
	m.sample()
	m.mu.Lock()
	defer m.mu.Unlock()
	return float64(m.anon) / 1024, float64(m.file) / 1024
}

func (m *memoryPeak) sample() {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	anon, file := statusKiB(b, "RssAnon:"), statusKiB(b, "RssFile:")
	m.mu.Lock()
	m.anon, m.file = max(m.anon, anon), max(m.file, file)
	m.mu.Unlock()
}

// statusKiB reads a "Name:   123 kB" line of /proc/self/status.
func statusKiB(status []byte, name string) int64 {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.HasPrefix(line, []byte(name)) {
			continue
		}
		f := bytes.Fields(line[len(name):])
		if len(f) == 0 {
			return 0
		}
		n, _ := strconv.ParseInt(string(f[0]), 10, 64)
		return n
	}
	return 0
}
