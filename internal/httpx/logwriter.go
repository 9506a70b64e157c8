package httpx

import (
	"io"
	"sync"
	"time"
)

// LogWriter buffers log output and writes it out every interval, when the buffer grows
// past 64 KiB, and on Close: under load the access log then costs a system call per
// batch instead of one per request. A crash loses at most interval of log lines.
//
// Requests never wait for the write itself: a flush swaps the full buffer for an empty one
// under the lock and writes it outside, so a slow file or pipe (a journal that lags)
// delays only the flushing goroutine, not every request that logs meanwhile.
type LogWriter struct {
	mu    sync.Mutex // guards buf
	wmu   sync.Mutex // one flush at a time, so batches are written in order; guards spare
	out   io.Writer
	buf   []byte
	spare []byte
	stop  chan struct{}
	done  chan struct{}
}

// logFlushAt is the buffer size that forces a write.
const logFlushAt = 64 << 10

// NewLogWriter starts a LogWriter over out; Close it to flush and stop.
func NewLogWriter(out io.Writer, interval time.Duration) *LogWriter {
	w := &LogWriter{out: out, buf: make([]byte, 0, logFlushAt), spare: make([]byte, 0, logFlushAt),
		stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-w.stop:
				return
			case <-t.C:
				_ = w.Flush()
			}
		}
	}()
	return w
}

// Write buffers p (slog handlers write one whole record per call); past 64 KiB it flushes.
func (w *LogWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.buf = append(w.buf, p...)
	full := len(w.buf) >= logFlushAt
	w.mu.Unlock()
	if full {
		if err := w.Flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes out what is buffered.
func (w *LogWriter) Flush() error {
	w.wmu.Lock()
	defer w.wmu.Unlock()
	w.mu.Lock()
	b := w.buf
	w.buf = w.spare[:0]
	w.mu.Unlock()
	var err error
	if len(b) > 0 {
		_, err = w.out.Write(b)
	}
	if cap(b) > 4*logFlushAt { // a burst grew it: let it go
		b = make([]byte, 0, logFlushAt)
	}
	w.spare = b[:0]
	return err
}

// Close stops the timer and flushes.
func (w *LogWriter) Close() error {
	select {
	case <-w.stop:
	default:
		close(w.stop)
		<-w.done
	}
	return w.Flush()
}
