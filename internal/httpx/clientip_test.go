package httpx

import (
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	trusted, err := ParseTrusted("127.0.0.1, 10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	c := ClientIP{Header: "X-Forwarded-For", Trusted: trusted}
	tests := []struct {
		remote, header, want string
	}{
		{"203.0.113.9:5000", "", "203.0.113.9"},
		{"203.0.113.9:5000", "1.2.3.4", "203.0.113.9"},               // not from a proxy: header ignored
		{"127.0.0.1:5000", "198.51.100.7", "198.51.100.7"},           // from the proxy
		{"127.0.0.1:5000", "6.6.6.6, 198.51.100.7", "198.51.100.7"},  // forged left part ignored
		{"127.0.0.1:5000", "198.51.100.7, 10.1.2.3", "198.51.100.7"}, // chain of proxies
		{"127.0.0.1:5000", "garbage", "127.0.0.1"},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		if tc.header != "" {
			r.Header.Set("X-Forwarded-For", tc.header)
		}
		if got := c.Of(r); got != tc.want {
			t.Errorf("%s + %q = %s, want %s", tc.remote, tc.header, got, tc.want)
		}
	}
	if _, err := ParseTrusted("not-an-ip"); err == nil {
		t.Error("bad proxy accepted")
	}
	if got := (ClientIP{}).Of(httptest.NewRequest("GET", "/", nil)); got != "192.0.2.1" {
		t.Errorf("no header configured: %s", got)
	}
}
