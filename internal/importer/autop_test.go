package importer

import (
	"strings"
	"testing"
)

// TestAutop checks wpautop's rules on classic-editor bodies: paragraphs at blank lines, a
// <br> at a single newline inside a paragraph, never a <br> or a paragraph around block
// elements, <pre> as it was.
func TestAutop(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"paragraphs and breaks", "One\ntwo\n\nThree", "<p>One<br>\ntwo</p>\n<p>Three</p>\n"},
		{"text next to a heading", "Intro.\n<h2>Sub</h2>\nAfter.", "<p>Intro.</p>\n<h2>Sub</h2>\n<p>After.</p>\n"},
		{"nested list", "<ul>\n\t<li>a\n<ul>\n\t<li>b</li>\n</ul>\n</li>\n\t<li>c</li>\n</ul>",
			"<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n<li>c</li>\n</ul>\n"},
		{"table", "Before\n<table>\n<tr>\n<td>x</td>\n</tr>\n</table>\nAfter",
			"<p>Before</p>\n<table>\n<tr>\n<td>x</td>\n</tr>\n</table>\n<p>After</p>\n"},
		{"pre untouched", "See:\n<pre>a\n\n  b<br>c\n</pre>\nDone", "<p>See:</p>\n<pre>a\n\n  b<br>c\n</pre>\n<p>Done</p>\n"},
		{"blockquote text is a paragraph", "<blockquote>Said\nit.</blockquote>", "<blockquote><p>Said<br>\nit.</p></blockquote>\n"},
		{"cell text is not a paragraph", "<td>two\nlines</td>", "<td>two<br>\nlines</td>\n"},
		{"two breaks are a paragraph break", "One<br />\n<br />Two", "<p>One</p>\n<p>Two</p>\n"},
		{"break already there", "One<br />\nTwo", "<p>One<br />\nTwo</p>\n"},
		{"tag over two lines", "A <a\nhref=\"/x\">link</a>", "<p>A <a href=\"/x\">link</a></p>\n"},
		{"definition list", "<dl>\n\t<dt>T</dt>\n\t<dd>D</dd>\n</dl>", "<dl>\n<dt>T</dt>\n<dd>D</dd>\n</dl>\n"},
		{"video inside a paragraph", "Watch\n<video controls>\n<source src=\"/v.mp4\">\n</video>",
			"<p>Watch<br>\n<video controls>\n<source src=\"/v.mp4\">\n</video></p>\n"},
		{"block editor left alone", "<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->", "<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->"},
		{"empty", " \n\n ", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := autop(tc.in); got != tc.want {
				t.Errorf("autop(%q) =\n%q\nwant\n%q", tc.in, got, tc.want)
			}
		})
	}
}

// TestAutopNoBreaksBesideBlocks runs a classic post with every block element WordPress
// knows, each on its own line as the classic editor saves them: no <br> may touch a block.
func TestAutopNoBreaksBesideBlocks(t *testing.T) {
	in := "Start\n<h3>H</h3>\n<ol>\n<li>a</li>\n</ol>\n<blockquote>q</blockquote>\n<dl>\n<dt>t</dt>\n<dd>d</dd>\n</dl>\n" +
		"<figure><img src=\"/a.jpg\"><figcaption>c</figcaption></figure>\n<hr>\n<div>\nin a div\n</div>\n<details>\n<summary>s</summary>\nx\n</details>\nEnd"
	got := autop(in)
	for _, bad := range []string{"<br>\n<", ">\n<br>", "><br>", "<br><"} {
		if strings.Contains(got, bad) {
			t.Errorf("autop put a break beside a block (%q):\n%s", bad, got)
		}
	}
	if strings.Count(got, "<br>") != 0 {
		t.Errorf("autop added breaks:\n%s", got)
	}
}
