package importer_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// mediaFilesWXR is a made-up export: a post with a video block, an audio shortcode whose file
// was never copied, a file block, and a [gallery] of two attachments that come after the post
// (as WordPress writes them), one of which is not in the export at all.
const mediaFilesWXR = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Pier Desk</title><link>https://pier.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://pier.example</wp:base_site_url>
<item><title>Launch day</title><link>https://pier.example/launch-day/</link><dc:creator>desk</dc:creator>
<guid isPermaLink="false">https://pier.example/?p=10</guid>
<content:encoded><![CDATA[<!-- wp:video -->
<figure class="wp-block-video"><video controls src="https://pier.example/wp-content/uploads/2026/05/launch.mp4"></video><figcaption>The launch</figcaption></figure>
<!-- /wp:video -->

[audio mp3="https://pier.example/wp-content/uploads/2026/05/horn.mp3"][/audio]

<!-- wp:file --><div class="wp-block-file"><a href="https://pier.example/wp-content/uploads/2026/05/timetable.pdf">Timetable</a></div><!-- /wp:file -->

[gallery ids="11,12,13"]]]></content:encoded>
<wp:post_id>10</wp:post_id><wp:post_date>2026-05-01 10:00:00</wp:post_date><wp:post_date_gmt>2026-05-01 10:00:00</wp:post_date_gmt>
<wp:post_name>launch-day</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>quay-1</title><wp:post_id>11</wp:post_id><wp:post_parent>10</wp:post_parent><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<excerpt:encoded><![CDATA[The <b>north</b> quay]]></excerpt:encoded>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[Quay at dawn]]></wp:meta_value></wp:postmeta>
<wp:attachment_url>https://pier.example/wp-content/uploads/2026/05/quay-1.jpg</wp:attachment_url></item>
<item><title>quay-2</title><wp:post_id>12</wp:post_id><wp:post_parent>10</wp:post_parent><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>https://pier.example/wp-content/uploads/2026/05/quay-2.jpg</wp:attachment_url></item>
</channel></rss>`

// TestImportMediaFiles imports a video from the --media-dir as it is (served from /media/
// like images), reports the sound that is not there with its post, and fills a [gallery]
// from attachments that come after its post.
func TestImportMediaFiles(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		uploads := t.TempDir()
		write := func(rel string, b []byte) string {
			path := filepath.Join(uploads, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(b)
			return hex.EncodeToString(sum[:])[:32]
		}
		video := []byte("\x00\x00\x00\x18ftypmp42 not really a film, but bytes kept as they are")
		videoName := write("2026/05/launch.mp4", video) + ".mp4"
		pdfName := write("2026/05/timetable.pdf", []byte("%PDF-1.4 a made-up timetable")) + ".pdf"
		quay1 := write("2026/05/quay-1.jpg", jpegOf(t, 40, 30, color.RGBA{10, 80, 160, 255})) + "-40.jpg"
		quay2 := write("2026/05/quay-2.jpg", jpegOf(t, 32, 24, color.RGBA{160, 80, 10, 255})) + "-32.jpg"
		mediaDir := filepath.Join(t.TempDir(), "media")
		ms, err := media.New(mediaDir, media.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		opt := importer.Options{MediaDir: uploads, Media: ms, Now: func() time.Time { return testNow }}
		run := func() *importer.Report {
			rep, err := importer.New(st, opt).WordPress(ctx, strings.NewReader(mediaFilesWXR), 0)
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		rep := run()
		a, ok := articles(t, st)["en/launch-day"]
		if !ok {
			t.Fatal("story missing")
		}
		for _, want := range []string{
			`<figure class="nd-video"><video controls preload="metadata" src="/media/` + videoName + `"></video><figcaption>The launch</figcaption></figure>`,
			`src="https://pier.example/wp-content/uploads/2026/05/horn.mp3"`, // not copied: its old address
			"[Timetable](/media/" + pdfName + ")",
			`<figure class="nd-gallery"><figure><img src="/media/` + quay1 + `" alt="Quay at dawn"><figcaption>The north quay</figcaption></figure><figure><img src="/media/` + quay2 + `" alt=""></figure></figure>`,
		} {
			if !strings.Contains(a.BodyMD, want) {
				t.Errorf("body lacks %q:\n%s", want, a.BodyMD)
			}
		}
		for _, want := range []string{`<video controls="" preload="metadata" src="/media/` + videoName + `">`, `<img src="/media/` + quay2 + `"`} {
			if !strings.Contains(a.BodyHTML, want) {
				t.Errorf("HTML lacks %q:\n%s", want, a.BodyHTML)
			}
		}
		if strings.Contains(a.BodyMD, "wp-attachment:") {
			t.Errorf("an attachment id is left in the body:\n%s", a.BodyMD)
		}
		// The video is in the media directory, byte for byte, and served with its type.
		path, err := ms.Path(videoName)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, video) {
			t.Errorf("kept video %q, %v", got, err)
		}
		if got := media.ContentType(videoName); got != "video/mp4" {
			t.Errorf("content type %q", got)
		}
		var text bytes.Buffer
		rep.WriteText(&text)
		for _, want := range []string{
			"post 10: https://pier.example/wp-content/uploads/2026/05/horn.mp3 kept at its old address: not in the media directory",
			"post 10: image 13 of a [gallery] left out: that attachment is not in the export",
			"Video, audio and other files kept at their old address: 1",
		} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("report lacks %q:\n%s", want, text.String())
			}
		}
		if got := count(rep, "media file"); got != "2/0/0/0" {
			t.Errorf("media files %s", got)
		}

		// Importing again changes nothing.
		rep = run()
		if rep.Changed() {
			var text bytes.Buffer
			rep.WriteText(&text)
			t.Errorf("a second import changed something:\n%s", text.String())
		}
	})
}
