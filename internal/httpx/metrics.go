package httpx

import (
	"net/http"
	"sync"
	"time"
)

// RequestObserver records answered requests; *metrics.Metrics implements it.
type RequestObserver interface {
	// ObserveRequest is given the route pattern that served the request (the
	// http.Request.Pattern the router set, "" when none matched), the status answered and
	// the time it took. It is called on every request and must be cheap.
	ObserveRequest(pattern string, status int, d time.Duration)
}

// Measure reports every request h answers to o, labelled by the route pattern (never the
// raw path, so the number of label values stays bounded). Put it directly around the
// router: the router records the pattern in the request it is given. It allocates
// nothing per request (its response writers are pooled).
func Measure(h http.Handler, o RequestObserver) http.Handler {
	if o == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		mw := measuredWriters.Get().(*measuredWriter)
		mw.ResponseWriter, mw.status = w, 0
		finished := false
		defer func() {
			o.ObserveRequest(r.Pattern, finalStatus(mw.status, finished), time.Since(start))
			mw.ResponseWriter = nil
			if finished { // after a panic the writer may still be referenced
				measuredWriters.Put(mw)
			}
		}()
		h.ServeHTTP(mw, r)
		finished = true
	})
}

// finalStatus is the status a request is counted with: 500 while panicking (the recovery
// answers it), 200 when nothing was written (net/http answers it).
func finalStatus(written int, finished bool) int {
	switch {
	case !finished:
		return http.StatusInternalServerError
	case written == 0:
		return http.StatusOK
	}
	return written
}

var measuredWriters = sync.Pool{New: func() any { return new(measuredWriter) }}

// measuredWriter records the final status of a response (informational 1xx answers are
// not final).
type measuredWriter struct {
	http.ResponseWriter
	status int
}

func (w *measuredWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *measuredWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer (flush, deadlines).
func (w *measuredWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
