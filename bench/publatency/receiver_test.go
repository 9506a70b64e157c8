package publatency

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/syndication"
)

// TestReceiverCounts: the receiver refuses bad signatures, counts a repeated delivery as
// duplicated and one of another story as unexpected, and the report counts as lost every
// subscriber that has not received a story, until it has.
func TestReceiverCounts(t *testing.T) {
	r, err := NewReceiver()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	secrets := []string{"ndwh_zero", "ndwh_one", "ndwh_two"}
	r.Start(secrets)
	m := &measurement{cfg: Config{Timeout: time.Minute}, byID: map[int64]*Story{},
		published: []string{chanHookFirst, chanHookLast}}
	story := &Story{Index: 1, ID: 7, Origin: time.Now()}
	m.add(story)
	r.attach(m)

	post := func(sub int, secret string, article, version int64) int {
		t.Helper()
		body := fmt.Appendf(nil, `{"uri":"urn:newsdesk:example:article:%d","version":"1"}`, article)
		req, err := http.NewRequest(http.MethodPost, r.HookURL(sub), bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		ts := time.Now().Unix()
		req.Header.Set(syndication.HeaderTimestamp, strconv.FormatInt(ts, 10))
		req.Header.Set(syndication.HeaderSignature, syndication.Sign(secret, ts, body))
		req.Header.Set(syndication.HeaderEvent, "release")
		req.Header.Set(syndication.HeaderVersion, strconv.FormatInt(version, 10))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	steps := []struct {
		name                              string
		sub                               int
		secret                            string
		article, version                  int64
		status                            int
		lost, duplicated, bad, unexpected int
		last                              bool // "webhook, last" marked
	}{
		{"first subscriber", 0, "ndwh_zero", 7, 70, http.StatusNoContent, 2, 0, 0, 0, false},
		{"the same delivery again", 0, "ndwh_zero", 7, 70, http.StatusNoContent, 2, 1, 0, 0, false},
		{"signed with another secret", 1, "ndwh_zero", 7, 70, http.StatusUnauthorized, 2, 1, 1, 0, false},
		{"another story", 2, "ndwh_two", 99, 71, http.StatusNoContent, 2, 1, 1, 1, false},
		{"second subscriber", 1, "ndwh_one", 7, 70, http.StatusNoContent, 1, 1, 1, 1, false},
		{"third subscriber", 2, "ndwh_two", 7, 70, http.StatusNoContent, 0, 1, 1, 1, true},
	}
	for _, st := range steps {
		if got := post(st.sub, st.secret, st.article, st.version); got != st.status {
			t.Fatalf("%s: status %d, want %d", st.name, got, st.status)
		}
		rep := Summarise(Result{Stories: m.stories, Published: m.published}, r, len(secrets))
		d := rep.Deliveries
		if rep.Expected != 3 || rep.Lost != st.lost || d.Duplicated != st.duplicated || d.BadSignature != st.bad ||
			d.Unexpected != st.unexpected {
			t.Errorf("%s: expected %d, lost %d, duplicated %d, bad %d, unexpected %d; want 3, %d, %d, %d, %d", st.name,
				rep.Expected, rep.Lost, d.Duplicated, d.BadSignature, d.Unexpected, st.lost, st.duplicated, st.bad, st.unexpected)
		}
		if rep.Err() == nil {
			t.Errorf("%s: the report finds nothing wrong", st.name)
		}
		if last := !story.seen[chanHookLast].IsZero(); last != st.last {
			t.Errorf("%s: webhook, last marked %v, want %v", st.name, last, st.last)
		}
	}
}
