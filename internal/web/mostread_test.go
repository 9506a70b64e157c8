package web

import "testing"

func TestIsBrowser(t *testing.T) {
	for _, tc := range []struct {
		ua   []string
		want bool
	}{
		{[]string{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"}, true},
		{[]string{"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"}, true},
		{[]string{"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"}, true},
		{[]string{"Opera/9.80 (Android; Opera Mini/36.2.2254/119.132; U; id) Presto/2.12.423 Version/12.16"}, true},
		{nil, false},
		{[]string{""}, false},
		{[]string{"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}, false},
		{[]string{"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"}, false},
		{[]string{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; YandexBot/3.0)"}, false},
		{[]string{"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"}, false},
		{[]string{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0"}, false},
		{[]string{"TelegramBot (like TwitterBot)"}, false},
		{[]string{"WhatsApp/2.23.20.0"}, false},
		{[]string{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"}, false},
		{[]string{"Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse"}, false},
		{[]string{"curl/8.5.0"}, false},
		{[]string{"Go-http-client/1.1"}, false},
		{[]string{"python-requests/2.31.0"}, false},
		{[]string{"Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)"}, false},
		{[]string{"Mozilla/5.0 a", "Mozilla/5.0 b"}, false},
	} {
		if got := isBrowser(tc.ua); got != tc.want {
			t.Errorf("isBrowser(%q) = %v, want %v", tc.ua, got, tc.want)
		}
	}
}

func BenchmarkIsBrowser(b *testing.B) {
	ua := []string{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"}
	for b.Loop() {
		if !isBrowser(ua) {
			b.Fatal("not a browser")
		}
	}
}

func BenchmarkKnownBrowser(b *testing.B) {
	var a agents
	ua := "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if !a.browser(ua) {
				b.Fatal("not a browser")
			}
		}
	})
}
