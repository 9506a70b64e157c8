package importer_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// The images of testdata/media.xml, all under https://media-demo.example.org/wp-content/uploads/.
const (
	featuredURL = "https://media-demo.example.org/wp-content/uploads/2025/07/market-gate.jpg"
	lanternsURL = "https://media-demo.example.org/wp-content/uploads/2025/07/market-lanterns.jpg"
	chartSrc    = "/wp-content/uploads/2025/07/stall-chart.png"                                     // relative
	chartLink   = "https://media-demo.example.org/wp-content/uploads/2025/07/stall-chart.png"       // a link to it
	terraceURL  = "https://media-demo.example.org/wp-content/uploads/2025/07/caf%C3%A9-terrace.jpg" // café-terrace.jpg
	notCopied   = "https://media-demo.example.org/wp-content/uploads/2025/07/not-copied.jpg"
	elsewhere   = "https://cdn.example.net/photos/skyline.jpg"
)

// uploadsCopy writes a copy of wp-content/uploads holding the export's images but
// not-copied.jpg, and returns its directory and the media file name (without the width
// and extension) each image will be stored under.
func uploadsCopy(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	names := map[string]string{}
	write := func(rel string, b []byte) {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		names[rel] = hex.EncodeToString(sum[:])[:32]
	}
	write("2025/07/market-gate.jpg", jpegOf(t, 80, 60, color.RGBA{200, 120, 40, 255}))
	write("2025/07/market-lanterns.jpg", jpegOf(t, 64, 48, color.RGBA{240, 200, 60, 255}))
	write("2025/07/café-terrace.jpg", jpegOf(t, 48, 32, color.RGBA{90, 160, 200, 255}))
	// A PNG with transparency stays a PNG.
	chart := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for y := range 30 {
		for x := range 40 {
			chart.Set(x, y, color.NRGBA{30, 90, uint8(6 * x), uint8(255 - 8*y)})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, chart); err != nil {
		t.Fatal(err)
	}
	write("2025/07/stall-chart.png", b.Bytes())
	return dir, names
}

func jpegOf(t *testing.T, w, h int, c color.RGBA) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{c.R, uint8(int(c.G) + x), uint8(int(c.B) + y), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestImportMediaFromMediaDir(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		uploads, names := uploadsCopy(t)
		mediaDir := filepath.Join(t.TempDir(), "media")
		ms, err := media.New(mediaDir, media.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		opt := importer.Options{MediaDir: uploads, Media: ms}
		rep := mustImport(t, st, "wordpress", "media.xml", opt)
		if got := count(rep, "post"); got != "1/0/0/0" {
			t.Errorf("posts %s", got)
		}
		a, ok := articles(t, st)["en/night-market-opens"]
		if !ok {
			t.Fatal("story missing")
		}

		// The featured image is the lead image, taken in with the headline as its text.
		if a.LeadImage == nil {
			t.Fatal("no lead image")
		}
		img, err := st.ImageByID(ctx, a.LeadImage.ID)
		if err != nil {
			t.Fatal(err)
		}
		if img.Hash[:32] != names["2025/07/market-gate.jpg"] || img.Format != "jpeg" || img.Width != 80 || img.Height != 60 ||
			img.Alt != "Demo: the night market opens again" || len(img.Renditions) != 1 || img.Renditions[0].File != img.Hash[:32]+"-80.jpg" {
			t.Errorf("lead image %+v", img)
		}
		if got := count(rep, "image"); got != "1/0/0/0" {
			t.Errorf("images %s", got)
		}

		// The inline images found in the copy point at their new addresses, in the Markdown
		// and in the HTML rendered from it; their files are in the media directory.
		lanterns := "/media/" + names["2025/07/market-lanterns.jpg"] + "-64.jpg"
		chart := "/media/" + names["2025/07/stall-chart.png"] + "-40.png"
		terrace := "/media/" + names["2025/07/café-terrace.jpg"] + "-48.jpg"
		for _, want := range []string{"![Lanterns over the stalls](" + lanterns + ")", "![Stalls per year](" + chart + ")",
			"![A café terrace](" + terrace + ")",
			// The relative address of the chart is not replaced inside the absolute one.
			"[the chart at full size](" + chartLink + ")"} {
			if !strings.Contains(a.BodyMD, want) {
				t.Errorf("body lacks %q:\n%s", want, a.BodyMD)
			}
		}
		for _, want := range []string{`src="` + lanterns + `"`, `src="` + chart + `"`} {
			if !strings.Contains(a.BodyHTML, want) {
				t.Errorf("HTML lacks %q:\n%s", want, a.BodyHTML)
			}
		}
		for _, old := range []string{lanternsURL, "(" + chartSrc, terraceURL} {
			if strings.Contains(a.BodyMD, old) {
				t.Errorf("body still has %s", old)
			}
		}
		for _, u := range []string{lanterns, chart, terrace, "/media/" + img.Renditions[0].File} {
			path, err := ms.Path(strings.TrimPrefix(u, "/media/"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("%s: %v", u, err)
			}
		}

		// The image not in the copy and the one from another site keep their addresses and
		// are reported; the missing one is named.
		for _, kept := range []string{notCopied, elsewhere} {
			if !strings.Contains(a.BodyMD, kept) {
				t.Errorf("body lost %s:\n%s", kept, a.BodyMD)
			}
		}
		if rep.MissingMedia != 1 || rep.RemoteImages != 2 {
			t.Errorf("missing %d, remote %d; want 1, 2", rep.MissingMedia, rep.RemoteImages)
		}
		if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "image "+notCopied+" is not in the media directory") {
			t.Errorf("warnings %q", rep.Warnings)
		}
		var text bytes.Buffer
		rep.WriteText(&text)
		for _, want := range []string{"Images kept at their old address: 2", "Images not found in --media-dir: 1", notCopied} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("report lacks %q:\n%s", want, text.String())
			}
		}

		// Importing again changes nothing, not even the text an editor gave the image since.
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			return tx.SetImageText(ctx, img.ID, "Lanterns at the market gate at dusk", "The gate at 9 pm", "Agency")
		}); err != nil {
			t.Fatal(err)
		}
		again := mustImport(t, st, "wordpress", "media.xml", opt)
		if again.Changed() {
			t.Errorf("second import changed something: %v", again.Counts)
		}
		b := articles(t, st)["en/night-market-opens"]
		if b.Version != a.Version || b.BodyMD != a.BodyMD || b.LeadImage == nil || b.LeadImage.ID != a.LeadImage.ID {
			t.Errorf("story changed on the second import: v%d → v%d, lead %v → %v", a.Version, b.Version, a.LeadImage, b.LeadImage)
		}
		if edited, err := st.ImageByID(ctx, img.ID); err != nil || edited.Alt != "Lanterns at the market gate at dusk" || edited.Caption != "The gate at 9 pm" {
			t.Errorf("the second import rewrote the image's text: %+v, %v", edited, err)
		}
	})
}

func TestImportMediaWithoutMediaDir(t *testing.T) {
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	rep := mustImport(t, st, "wordpress", "media.xml", importer.Options{})
	a, ok := articles(t, st)["en/night-market-opens"]
	if !ok {
		t.Fatal("story missing")
	}
	if a.LeadImage != nil {
		t.Errorf("lead image %+v without a media directory", a.LeadImage)
	}
	for _, kept := range []string{lanternsURL, chartSrc, terraceURL, notCopied, elsewhere} {
		if !strings.Contains(a.BodyMD, kept) || !strings.Contains(a.BodyHTML, `src="`+kept+`"`) {
			t.Errorf("body lost %s:\n%s", kept, a.BodyMD)
		}
	}
	// Five inline images and the featured one are counted; none is missing from a copy.
	if rep.RemoteImages != 6 || rep.MissingMedia != 0 || count(rep, "image") != "0/0/0/0" {
		t.Errorf("remote %d, missing %d, images %s", rep.RemoteImages, rep.MissingMedia, count(rep, "image"))
	}
	var text bytes.Buffer
	rep.WriteText(&text)
	if want := "Images kept at their old address: 6 (give --media-dir"; !strings.Contains(text.String(), want) {
		t.Errorf("report lacks %q:\n%s", want, text.String())
	}
	if strings.Contains(text.String(), "Images not found in --media-dir") {
		t.Errorf("report speaks of a media directory:\n%s", text.String())
	}
}

// TestImportMediaDryRun gives a media directory to a dry run, as the command does (without
// a media store): the images are looked for, and nothing is taken in.
func TestImportMediaDryRun(t *testing.T) {
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	uploads, _ := uploadsCopy(t)
	rep := mustImport(t, st, "wordpress", "media.xml", importer.Options{MediaDir: uploads, DryRun: true})
	if rep.MissingMedia != 1 || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], notCopied) {
		t.Errorf("missing %d, warnings %q", rep.MissingMedia, rep.Warnings)
	}
	if count(rep, "post") != "1/0/0/0" {
		t.Errorf("posts %s", count(rep, "post"))
	}
	if empty, err := st.IsEmpty(context.Background()); err != nil || !empty {
		t.Errorf("a dry run left content (%v)", err)
	}
}

// ghostImages writes a copy of Ghost's content/images holding the images of
// testdata/ghost-media.json and returns its directory and their media file names (see
// uploadsCopy).
func ghostImages(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	names := map[string]string{}
	for rel, b := range map[string][]byte{
		"2025/08/pier-wide.jpg": jpegOf(t, 96, 40, color.RGBA{20, 60, 180, 255}),
		"2025/08/pier.jpg":      jpegOf(t, 60, 40, color.RGBA{40, 80, 200, 255}),
		"2025/08/buoy.png": func() []byte {
			var b bytes.Buffer
			_ = png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, 20, 20)))
			return b.Bytes()
		}(),
	} {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		names[rel] = hex.EncodeToString(sum[:])[:32]
	}
	return dir, names
}

// TestImportGhostMedia imports a Ghost 5 export whose image and link addresses use Ghost's
// __GHOST_URL__ (and an older, root-relative /content/images/ address), with and without
// a copy of content/images.
func TestImportGhostMedia(t *testing.T) {
	t.Run("with a media dir", func(t *testing.T) {
		st := testkit.Store(t, testkit.DSN(t, "sqlite"))
		dir, names := ghostImages(t)
		ms, err := media.New(filepath.Join(t.TempDir(), "media"), media.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		rep := mustImport(t, st, "ghost", "ghost-media.json", importer.Options{MediaDir: dir, Media: ms})
		all := articles(t, st)
		pier, buoy := all["en/pier-blue"], all["en/old-buoy"]
		if pier.LeadImage == nil {
			t.Fatalf("no lead image: %v", keys(all))
		}
		img, err := st.ImageByID(context.Background(), pier.LeadImage.ID)
		if err != nil || img.Hash[:32] != names["2025/08/pier-wide.jpg"] {
			t.Errorf("lead image %+v, %v", img, err)
		}
		for _, c := range []struct{ body, want string }{
			{pier.BodyMD, "![The blue pier](/media/" + names["2025/08/pier.jpg"] + "-60.jpg \"Fresh paint (demo)\")"},
			{pier.BodyMD, "[Earlier harbour news](https://ghost-media.example.org/harbour-news/)"},
			{buoy.BodyMD, "![A buoy](/media/" + names["2025/08/buoy.png"] + "-20.png)"},
		} {
			if !strings.Contains(c.body, c.want) {
				t.Errorf("body lacks %q:\n%s", c.want, c.body)
			}
		}
		if rep.RemoteImages != 0 || rep.MissingMedia != 0 || count(rep, "image") != "1/0/0/0" {
			t.Errorf("remote %d, missing %d, images %s", rep.RemoteImages, rep.MissingMedia, count(rep, "image"))
		}
	})
	t.Run("without", func(t *testing.T) {
		st := testkit.Store(t, testkit.DSN(t, "sqlite"))
		rep := mustImport(t, st, "ghost", "ghost-media.json", importer.Options{})
		all := articles(t, st)
		pier, buoy := all["en/pier-blue"], all["en/old-buoy"]
		if pier.LeadImage != nil {
			t.Errorf("lead image %v", pier.LeadImage)
		}
		for _, c := range []struct{ body, want string }{
			{pier.BodyMD, "(https://ghost-media.example.org/content/images/2025/08/pier.jpg "},
			{pier.BodyMD, "(https://ghost-media.example.org/harbour-news/)"},
			{buoy.BodyMD, "(/content/images/2025/08/buoy.png)"},
		} {
			if !strings.Contains(c.body, c.want) {
				t.Errorf("body lacks %q:\n%s", c.want, c.body)
			}
		}
		if strings.Contains(pier.BodyMD+pier.BodyHTML, "__GHOST_URL__") {
			t.Errorf("__GHOST_URL__ left in the body:\n%s", pier.BodyMD)
		}
		// Two inline images and the feature image.
		if rep.RemoteImages != 3 || rep.MissingMedia != 0 {
			t.Errorf("remote %d, missing %d", rep.RemoteImages, rep.MissingMedia)
		}
	})
}
