package importer

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

// TestConvertMedia converts each kind of media block, shortcode and embed of a WordPress
// body to Markdown, and renders that as the public page shows it.
func TestConvertMedia(t *testing.T) {
	const up = "https://old.example/wp-content/uploads/2026/05/"
	cases := []struct {
		name, in, md string
		html         []string // in the rendered HTML, in this order
		media        []string // Converted.Media
		dropped      []string
	}{
		{
			name: "block gallery with captions",
			in: `<!-- wp:gallery {"linkTo":"none"} -->` + "\n" + `<figure class="wp-block-gallery has-nested-images columns-2"><!-- wp:image -->` + "\n" +
				`<figure class="wp-block-image"><img src="` + up + `a.jpg" alt="Net"/><figcaption class="wp-element-caption">The <em>net</em></figcaption></figure>` + "\n<!-- /wp:image -->\n\n" +
				`<!-- wp:image --><figure class="wp-block-image"><a href="` + up + `b.jpg"><img src="` + up + `b-300.jpg" alt="Boat"/></a><figcaption class="wp-element-caption">A boat</figcaption></figure><!-- /wp:image -->` +
				`<figcaption class="blocks-gallery-caption wp-element-caption">Two from the pier</figcaption></figure>` + "\n<!-- /wp:gallery -->",
			md: `<figure class="nd-gallery"><figure><img src="` + up + `a.jpg" alt="Net"><figcaption>The <em>net</em></figcaption></figure>` +
				`<figure><a href="` + up + `b.jpg"><img src="` + up + `b-300.jpg" alt="Boat"></a><figcaption>A boat</figcaption></figure>` +
				`<figcaption>Two from the pier</figcaption></figure>` + "\n",
			html: []string{`<figure class="nd-gallery">`, `a.jpg" alt="Net">`, "<figcaption>The <em>net</em></figcaption>", `<a href="` + up + `b.jpg"><img`,
				"<figcaption>A boat</figcaption>", "<figcaption>Two from the pier</figcaption></figure>"},
		},
		{
			name: "older gallery grid",
			in: `<figure class="wp-block-gallery columns-2"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="` + up + `c.jpg" alt="C"/>` +
				`<figcaption class="blocks-gallery-item__caption">Gulls</figcaption></figure></li><li class="blocks-gallery-item"><figure><img src="` + up + `d.jpg" alt="D"/></figure></li></ul></figure>`,
			md:   `<figure class="nd-gallery"><figure><img src="` + up + `c.jpg" alt="C"><figcaption>Gulls</figcaption></figure><figure><img src="` + up + `d.jpg" alt="D"></figure></figure>` + "\n",
			html: []string{`<figure class="nd-gallery">`, "<figcaption>Gulls</figcaption>", `d.jpg" alt="D">`},
		},
		{
			name: "classic gallery as printed",
			in: `<div id="gallery-1" class="gallery galleryid-5 gallery-columns-2"><dl class="gallery-item"><dt class="gallery-icon"><a href="` + up + `e.jpg"><img src="` + up + `e-150.jpg" alt="E"></a></dt>` +
				`<dd class="wp-caption-text gallery-caption">Low water</dd></dl><br style="clear: both"></div>`,
			md:   `<figure class="nd-gallery"><figure><a href="` + up + `e.jpg"><img src="` + up + `e-150.jpg" alt="E"></a><figcaption>Low water</figcaption></figure></figure>` + "\n",
			html: []string{"<figcaption>Low water</figcaption>"},
		},
		{
			name: "gallery shortcode",
			in:   `[gallery ids="7, 8" columns="2"]`,
			md:   `<figure class="nd-gallery"><figure><img src="wp-attachment:7" alt=""></figure><figure><img src="wp-attachment:8" alt=""></figure></figure>` + "\n",
		},
		{
			name:  "video block",
			in:    `<!-- wp:video --><figure class="wp-block-video"><video controls autoplay src="` + up + `launch.mp4" poster="` + up + `launch.jpg"></video><figcaption class="wp-element-caption">The launch</figcaption></figure><!-- /wp:video -->`,
			md:    `<figure class="nd-video"><video controls preload="metadata" poster="` + up + `launch.jpg" src="` + up + `launch.mp4"></video><figcaption>The launch</figcaption></figure>` + "\n",
			html:  []string{`<figure class="nd-video"><video controls="" preload="metadata" poster="` + up + `launch.jpg" src="` + up + `launch.mp4"></video><figcaption>The launch</figcaption></figure>`},
			media: []string{up + "launch.mp4"},
		},
		{
			name:  "audio block",
			in:    `<figure class="wp-block-audio"><audio controls src="` + up + `tide.mp3"></audio><figcaption>At night</figcaption></figure>`,
			md:    `<figure class="nd-audio"><audio controls preload="metadata" src="` + up + `tide.mp3"></audio><figcaption>At night</figcaption></figure>` + "\n",
			html:  []string{`<audio controls="" preload="metadata" src="` + up + `tide.mp3"></audio>`},
			media: []string{up + "tide.mp3"},
		},
		{
			name:    "video element with sources and a track, in a paragraph",
			in:      `<p><video width="640" height="360"><source src="` + up + `v.webm" type="video/webm"><source src="` + up + `v.mp4" type="video/mp4"><track src="` + up + `v.vtt"></video></p>`,
			md:      `<figure class="nd-video"><video controls preload="metadata" width="640" height="360"><source src="` + up + `v.webm" type="video/webm"><source src="` + up + `v.mp4" type="video/mp4"></video></figure>` + "\n",
			html:    []string{`<source src="` + up + `v.webm" type="video/webm">`, `<source src="` + up + `v.mp4" type="video/mp4">`},
			media:   []string{up + "v.webm", up + "v.mp4"},
			dropped: []string{"subtitles track of a video"},
		},
		{
			name: "audio inside a line of text",
			in:   `Hear it <audio src="` + up + `gull.ogg"></audio> here.`,
			md:   `Hear it <audio controls preload="metadata" src="` + up + `gull.ogg"></audio> here.` + "\n",
			html: []string{`<p>Hear it <audio controls="" preload="metadata" src="` + up + `gull.ogg"></audio> here.</p>`},
		},
		{
			name: "audio and video shortcodes",
			in:   `[audio mp3="` + up + `talk.mp3"][/audio]` + "\n\n" + `[video width="640" height="360" mp4="` + up + `low.mp4" poster="` + up + `low.jpg"][/video]` + "\n\n[audio]" + up + "b.wav[/audio]",
			md: `<figure class="nd-audio"><audio controls preload="metadata" src="` + up + `talk.mp3"></audio></figure>` + "\n\n" +
				`<figure class="nd-video"><video controls preload="metadata" poster="` + up + `low.jpg" width="640" height="360" src="` + up + `low.mp4"></video></figure>` + "\n\n" +
				`<figure class="nd-audio"><audio controls preload="metadata" src="` + up + `b.wav"></audio></figure>` + "\n",
			html:  []string{`<audio controls="" preload="metadata" src="` + up + `talk.mp3">`, `<video controls="" preload="metadata" poster=`, `src="` + up + `b.wav"`},
			media: []string{up + "talk.mp3", up + "low.mp4", up + "b.wav"},
		},
		{
			name: "embed shortcode",
			in:   "[embed]https://vimeo.com/761234567[/embed]",
			md:   `<figure class="nd-embed"><a href="https://vimeo.com/761234567">Vimeo: https://vimeo.com/761234567</a></figure>` + "\n",
			html: []string{`<figure class="nd-embed"><a href="https://vimeo.com/761234567">Vimeo: https://vimeo.com/761234567</a></figure>`},
		},
		{
			name: "audio shortcode with the address alone, WordPress.com's embed shortcodes",
			in:   "[audio " + up + "c.mp3]\n\n[youtube https://www.youtube.com/watch?v=Prune]\n\n[vimeo 123]\n\n[soundcloud url=\"https://soundcloud.com/a/b\"]",
			md: `<figure class="nd-audio"><audio controls preload="metadata" src="` + up + `c.mp3"></audio></figure>` + "\n\n" +
				`<figure class="nd-embed"><a href="https://www.youtube.com/watch?v=Prune">YouTube: https://www.youtube.com/watch?v=Prune</a></figure>` + "\n\n" +
				`<figure class="nd-embed"><a href="https://vimeo.com/123">Vimeo: https://vimeo.com/123</a></figure>` + "\n\n" +
				`<figure class="nd-embed"><a href="https://soundcloud.com/a/b">SoundCloud: https://soundcloud.com/a/b</a></figure>` + "\n",
		},
		{
			name: "embed block",
			in: `<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc","type":"video","providerNameSlug":"youtube"} -->` + "\n" +
				`<figure class="wp-block-embed is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">` + "\nhttps://www.youtube.com/watch?v=abc\n" +
				`</div><figcaption class="wp-element-caption">Three tries</figcaption></figure>` + "\n<!-- /wp:embed -->",
			md:   `<figure class="nd-embed"><a href="https://www.youtube.com/watch?v=abc">YouTube: https://www.youtube.com/watch?v=abc</a><figcaption>Three tries</figcaption></figure>` + "\n",
			html: []string{`YouTube: https://www.youtube.com/watch?v=abc</a><figcaption>Three tries</figcaption>`},
		},
		{
			name: "embed block with only its comment's address",
			in:   `<!-- wp:embed {"url":"https://open.spotify.com/track/xyz"} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper"></div></figure><!-- /wp:embed -->`,
			md:   `<figure class="nd-embed"><a href="https://open.spotify.com/track/xyz">Spotify: https://open.spotify.com/track/xyz</a></figure>` + "\n",
		},
		{
			name: "bare oEmbed addresses on their own lines",
			in:   "Watch this:\nhttps://youtu.be/abc\nand this\n\nhttps://x.com/desk/status/1\n\nhttps://www.tiktok.com/@desk/video/2\n\nhttps://soundcloud.com/desk/tide\n\nhttps://www.instagram.com/p/q/\n\nhttps://www.facebook.com/desk/posts/3\n\nhttps://not-a-provider.example/x",
			md: "Watch this:\n\n" + `<figure class="nd-embed"><a href="https://youtu.be/abc">YouTube: https://youtu.be/abc</a></figure>` + "\n\nand this\n\n" +
				`<figure class="nd-embed"><a href="https://x.com/desk/status/1">X: https://x.com/desk/status/1</a></figure>` + "\n\n" +
				`<figure class="nd-embed"><a href="https://www.tiktok.com/@desk/video/2">TikTok: https://www.tiktok.com/@desk/video/2</a></figure>` + "\n\n" +
				`<figure class="nd-embed"><a href="https://soundcloud.com/desk/tide">SoundCloud: https://soundcloud.com/desk/tide</a></figure>` + "\n\n" +
				`<figure class="nd-embed"><a href="https://www.instagram.com/p/q/">Instagram: https://www.instagram.com/p/q/</a></figure>` + "\n\n" +
				`<figure class="nd-embed"><a href="https://www.facebook.com/desk/posts/3">Facebook: https://www.facebook.com/desk/posts/3</a></figure>` + "\n\n" +
				"https://not-a-provider.example/x\n",
			html: []string{"<p>Watch this:</p>", `YouTube: https://youtu.be/abc`, "<p>and this</p>", "X: https://x.com/desk/status/1", "<p>https://not-a-provider.example/x</p>"},
		},
		{
			name: "a provider's player iframe",
			in:   `<iframe src="https://www.youtube-nocookie.com/embed/xyz" width="560"></iframe>`,
			md:   `<figure class="nd-embed"><a href="https://www.youtube.com/watch?v=xyz">YouTube: https://www.youtube.com/watch?v=xyz</a></figure>` + "\n",
		},
		{
			name: "file block",
			in: `<!-- wp:file --><div class="wp-block-file"><object class="wp-block-file__embed" data="` + up + `notes.pdf" type="application/pdf"></object><a id="f1" href="` + up + `notes.pdf">Route notes</a>` +
				`<a href="` + up + `notes.pdf" class="wp-block-file__button" download>Download</a></div><!-- /wp:file -->`,
			md:    "[Route notes](" + up + "notes.pdf)\n",
			html:  []string{`<a href="` + up + `notes.pdf">Route notes</a>`},
			media: []string{up + "notes.pdf"},
		},
		{
			name: "cover block with an image",
			in: `<div class="wp-block-cover"><span aria-hidden="true" class="wp-block-cover__background"></span><img class="wp-block-cover__image-background" alt="" src="` + up + `dusk.jpg"/>` +
				`<div class="wp-block-cover__inner-container"><p class="has-text-align-center">Dusk on the plain</p></div></div>`,
			md:   "![](" + up + "dusk.jpg)\n\nDusk on the plain\n",
			html: []string{`<img src="` + up + `dusk.jpg" alt="">`, "<p>Dusk on the plain</p>"},
		},
		{
			name: "cover block with a video",
			in: `<div class="wp-block-cover"><video class="wp-block-cover__video-background" autoplay muted loop playsinline src="` + up + `waves.mp4"></video>` +
				`<div class="wp-block-cover__inner-container"><p>Waves</p></div></div>`,
			md:    `<figure class="nd-video"><video controls preload="metadata" src="` + up + `waves.mp4"></video></figure>` + "\n\nWaves\n",
			media: []string{up + "waves.mp4"},
		},
		{
			name:  "old cover image block",
			in:    `<div class="wp-block-cover-image has-background-dim" style="background-image:url(` + up + `old.jpg)"><p class="wp-block-cover-image-text">Old cover</p></div>`,
			md:    "![](" + up + "old.jpg)\n\nOld cover\n",
			media: nil,
		},
		{
			name: "media and text with a video",
			in: `<div class="wp-block-media-text"><figure class="wp-block-media-text__media"><video controls src="` + up + `stove.mp4"></video></figure>` +
				`<div class="wp-block-media-text__content"><p>The stove never went out.</p></div></div>`,
			md:    `<figure class="nd-video"><video controls preload="metadata" src="` + up + `stove.mp4"></video></figure>` + "\n\nThe stove never went out.\n",
			html:  []string{"<video", "<p>The stove never went out.</p>"},
			media: []string{up + "stove.mp4"},
		},
		{
			name: "media and text with an image",
			in: `<div class="wp-block-media-text"><figure class="wp-block-media-text__media"><img src="` + up + `stove.jpg" alt="Stove"/></figure>` +
				`<div class="wp-block-media-text__content"><p>Text.</p></div></div>`,
			md: "![Stove](" + up + "stove.jpg)\n\nText.\n",
		},
		{
			name: "code with its language",
			in:   `<pre class="wp-block-code"><code class="language-go">x := 1</code></pre>`,
			md:   "```go\nx := 1\n```\n",
			html: []string{`<pre><code class="language-go">x := 1`},
		},
		{
			name: "no script comes through a caption",
			in:   `<figure class="wp-block-video"><video src="javascript:alert(1)"></video><figcaption>Hi<script>alert(2)</script></figcaption></figure>`,
			md:   `<figure class="nd-video"><video controls preload="metadata"></video><figcaption>Hi</figcaption></figure>` + "\n",
			html: []string{"<figcaption>Hi</figcaption>"}, dropped: []string{"script"},
		},
	}
	r := content.NewRenderer()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ConvertWordPress(c.in)
			if got.Markdown != c.md {
				t.Errorf("Markdown:\n%s\nwant\n%s", got.Markdown, c.md)
			}
			if c.media != nil && !slices.Equal(got.Media, c.media) {
				t.Errorf("media %q, want %q", got.Media, c.media)
			}
			if !slices.Equal(got.Dropped, c.dropped) {
				t.Errorf("dropped %q, want %q", got.Dropped, c.dropped)
			}
			out, err := r.Render(got.Markdown)
			if err != nil {
				t.Fatal(err)
			}
			rest := out
			for _, want := range c.html {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Errorf("HTML lacks %q (in order):\n%s", want, out)
					break
				}
				rest = rest[i+len(want):]
			}
			for _, bad := range []string{"<script", "<iframe", "javascript:", "autoplay", "\\"} {
				if strings.Contains(out, bad) {
					t.Errorf("HTML has %q:\n%s", bad, out)
				}
			}
		})
	}
}

func TestEmbedProvider(t *testing.T) {
	cases := map[string]string{
		"https://www.youtube.com/watch?v=a": "YouTube", "https://youtu.be/a": "YouTube", "https://m.youtube.com/shorts/a": "YouTube",
		"https://vimeo.com/1": "Vimeo", "https://twitter.com/a/status/1": "X", "https://x.com/a/status/1": "X",
		"https://www.instagram.com/p/a/": "Instagram", "https://www.facebook.com/a/posts/1": "Facebook", "https://fb.watch/a": "Facebook",
		"https://www.tiktok.com/@a/video/1": "TikTok", "https://soundcloud.com/a/b": "SoundCloud", "https://open.spotify.com/track/a": "Spotify",
		"https://example.org/watch": "", "ftp://youtube.com/a": "", "youtube.com/watch": "", "https://youtube.com.evil.example/a": "",
	}
	for u, want := range cases {
		if got, _ := embedProvider(u); got != want {
			t.Errorf("embedProvider(%q) = %q, want %q", u, got, want)
		}
	}
}
