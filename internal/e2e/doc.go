// Package e2e holds Newsdesk's end-to-end tests: a real server over HTTP, driven by a real
// headless Chromium through the DevTools protocol (github.com/chromedp/chromedp). It has
// no code of its own outside the tests.
//
// The tests skip when Chromium is absent, unless CI or NEWSDESK_REQUIRE_BROWSER is set:
// then they fail, so that CI cannot pass by skipping. CHROMIUM names the browser binary
// (default /usr/bin/chromium).
package e2e
