// Command wxrgen writes a large WordPress export (WXR 1.2) of fictional demo content, to
// measure `newsdesk import wordpress`:
//
//	go run ./bench/cmd/wxrgen -posts 100000 -comments 200000 -o /tmp/wp.xml
//
// Posts have WordPress-style bodies (bare line breaks, headings, lists, a [caption]ed
// image, now and then an unknown shortcode), a category, tags and an author; comments are
// mostly approved, some pending, some spam. The output is the same for the same flags.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"
)

func main() {
	posts := flag.Int("posts", 1000, "number of posts")
	comments := flag.Int("comments", 2000, "number of comments, spread over the posts")
	out := flag.String("o", "", "output file (default: standard output)")
	flag.Parse()
	w := io.Writer(os.Stdout)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "wxrgen:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := write(bw, *posts, *comments); err != nil {
		fmt.Fprintln(os.Stderr, "wxrgen:", err)
		os.Exit(1)
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "wxrgen:", err)
		os.Exit(1)
	}
}

var words = strings.Fields(`harbour ferry council budget minister river bridge festival market grain oil
pipeline election committee report weather storm rail station museum theatre school hospital
court appeal mayor district village trade export import tariff shipment customs border road
tunnel airport flight season harvest water energy solar wind grid price index bank loan
university student teacher doctor nurse patient clinic library archive exhibition concert`)

var cats = []string{"politics", "economy", "culture", "sport", "science", "world", "region", "business",
	"health", "education", "transport", "energy", "weather", "courts", "city", "opinion", "tech", "travel", "food", "media"}

func sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		w := words[r.IntN(len(words))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		if i < n-1 {
			b.WriteByte(' ')
		}
	}
	return b.String() + "."
}

func write(w *bufio.Writer, posts, comments int) error {
	r := rand.New(rand.NewPCG(1, 2)) // #nosec G404 -- a seeded, reproducible generator of test data, not a secret
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" ?>
<!-- Generated demo content (fictional) for Newsdesk's import benchmark. -->
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Generated Demo Wire</title><link>https://bench.example.org</link><description>demo</description><language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example.org</wp:base_site_url><wp:base_blog_url>https://bench.example.org</wp:base_blog_url>
`)
	for i := range 30 {
		fmt.Fprintf(w, "<wp:author><wp:author_id>%d</wp:author_id><wp:author_login><![CDATA[writer%d]]></wp:author_login><wp:author_email><![CDATA[writer%d@bench.example.org]]></wp:author_email><wp:author_display_name><![CDATA[Writer %d (demo)]]></wp:author_display_name></wp:author>\n", i+1, i, i, i)
	}
	for i, c := range cats {
		fmt.Fprintf(w, "<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename><![CDATA[%s]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[%s]]></wp:cat_name></wp:category>\n",
			i+1, c, strings.ToUpper(c[:1])+c[1:])
	}
	start := time.Date(2012, 1, 1, 8, 0, 0, 0, time.UTC)
	step := time.Duration(int64(14*365*24*time.Hour) / int64(max(posts, 1)))
	cid := 0
	for i := range posts {
		id := i + 1
		at := start.Add(time.Duration(i) * step)
		local := at.Add(4 * time.Hour)
		title := sentence(r, 6+r.IntN(5))
		title = strings.TrimSuffix(title, ".")
		slug := strings.ToLower(strings.ReplaceAll(title, " ", "-")) + fmt.Sprintf("-%d", id)
		var body strings.Builder
		for p := range 5 + r.IntN(4) {
			if p == 2 {
				body.WriteString("<h2>" + strings.TrimSuffix(sentence(r, 4), ".") + "</h2>\n\n")
			}
			if p == 3 && id%3 == 0 {
				fmt.Fprintf(&body, "[caption id=\"attachment_%d\" width=\"640\"]<img src=\"https://bench.example.org/wp-content/uploads/%d/%02d/photo-%d.jpg\" alt=\"Demo photo\" width=\"640\" height=\"427\" /> %s[/caption]\n\n",
					id, at.Year(), int(at.Month()), id, sentence(r, 6))
			}
			if p == 4 && id%5 == 0 {
				body.WriteString("<ul>\n<li>" + sentence(r, 5) + "</li>\n<li>" + sentence(r, 5) + "</li>\n</ul>\n\n")
			}
			if p == 1 && id%50 == 0 {
				body.WriteString("[poll id=\"7\"]\n\n")
			}
			body.WriteString(sentence(r, 12+r.IntN(10)) + " " + sentence(r, 10+r.IntN(10)) + "\n" + sentence(r, 8+r.IntN(8)) + "\n\n")
		}
		status := "publish"
		switch {
		case id%97 == 0:
			status = "draft"
		case id%151 == 0:
			status = "private"
		}
		cat := cats[r.IntN(len(cats))]
		fmt.Fprintf(w, "<item><title><![CDATA[%s]]></title><link>https://bench.example.org/%s/%s/</link><dc:creator><![CDATA[writer%d]]></dc:creator><guid isPermaLink=\"false\">https://bench.example.org/?p=%d</guid><description></description>\n",
			title, local.Format("2006/01/02"), slug, r.IntN(30), id)
		fmt.Fprintf(w, "<content:encoded><![CDATA[%s]]></content:encoded>\n<excerpt:encoded><![CDATA[%s]]></excerpt:encoded>\n", body.String(), sentence(r, 14))
		fmt.Fprintf(w, "<wp:post_id>%d</wp:post_id><wp:post_date><![CDATA[%s]]></wp:post_date><wp:post_date_gmt><![CDATA[%s]]></wp:post_date_gmt><wp:post_modified><![CDATA[%s]]></wp:post_modified><wp:post_modified_gmt><![CDATA[%s]]></wp:post_modified_gmt>",
			id, local.Format("2006-01-02 15:04:05"), at.Format("2006-01-02 15:04:05"), local.Format("2006-01-02 15:04:05"), at.Format("2006-01-02 15:04:05"))
		fmt.Fprintf(w, "<wp:comment_status><![CDATA[open]]></wp:comment_status><wp:post_name><![CDATA[%s]]></wp:post_name><wp:status><![CDATA[%s]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>\n", slug, status)
		fmt.Fprintf(w, "<category domain=\"category\" nicename=\"%s\"><![CDATA[%s]]></category>", cat, cat)
		for range 1 + r.IntN(3) {
			t := words[r.IntN(len(words))] + "-" + words[r.IntN(len(words))]
			fmt.Fprintf(w, "<category domain=\"post_tag\" nicename=\"%s\"><![CDATA[%s]]></category>", t, strings.ReplaceAll(t, "-", " "))
		}
		// Comments: an even share of what is left for the posts that are left.
		n := 0
		if rest := posts - i; rest > 0 {
			n = (comments - cid) / rest
			if (comments-cid)%rest > r.IntN(rest) {
				n++
			}
		}
		for range n {
			cid++
			approved := "1"
			switch {
			case cid%10 == 0:
				approved = "0"
			case cid%25 == 0:
				approved = "spam"
			}
			cat := at.Add(time.Duration(cid%48) * time.Hour)
			fmt.Fprintf(w, "\n<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author><![CDATA[Reader %d]]></wp:comment_author><wp:comment_author_email><![CDATA[reader%d@example.net]]></wp:comment_author_email><wp:comment_date><![CDATA[%s]]></wp:comment_date><wp:comment_date_gmt><![CDATA[%s]]></wp:comment_date_gmt><wp:comment_content><![CDATA[%s]]></wp:comment_content><wp:comment_approved><![CDATA[%s]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>",
				cid, cid%5000, cid%5000, cat.Add(4*time.Hour).Format("2006-01-02 15:04:05"), cat.Format("2006-01-02 15:04:05"), sentence(r, 8+r.IntN(20)), approved)
		}
		if _, err := w.WriteString("\n</item>\n"); err != nil {
			return err
		}
	}
	_, err := w.WriteString("</channel>\n</rss>\n")
	return err
}
