package importer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
)

// mediaIntake brings the old site's images over from a local copy of wp-content/uploads,
// through the same checks, resizing and re-encoding as uploads (internal/media).
type mediaIntake struct {
	opt  Options
	rep  *Report
	done map[string]ingested // old URL → what it became
}

type ingested struct {
	id  int64
	url string
}

func newMediaIntake(opt Options, rep *Report) *mediaIntake {
	return &mediaIntake{opt: opt, rep: rep, done: map[string]ingested{}}
}

// local returns the file in the media directory for an old image URL.
func (m *mediaIntake) local(u string) (string, bool) {
	if m.opt.MediaDir == "" {
		return "", false
	}
	_, rel, ok := strings.Cut(u, "/wp-content/uploads/")
	if !ok {
		_, rel, ok = strings.Cut(u, "/content/images/") // Ghost
	}
	if !ok {
		return "", false
	}
	rel, _, _ = strings.Cut(rel, "?")
	rel, _, _ = strings.Cut(rel, "#")
	// Addresses may be percent-encoded (caf%C3%A9.jpg for café.jpg); WordPress and Ghost
	// keep no % in the names of uploads.
	if u, err := url.PathUnescape(rel); err == nil {
		rel = u
	}
	if !fs.ValidPath(rel) {
		return "", false
	}
	return filepath.Join(m.opt.MediaDir, filepath.FromSlash(rel)), true
}

// ingest takes in the image at old URL u; ok is false when it stays where it is.
func (m *mediaIntake) ingest(ctx context.Context, tx Tx, u, alt string) (int64, bool, error) {
	if d, ok := m.done[u]; ok {
		return d.id, d.id != 0, nil
	}
	path, ok := m.local(u)
	if !ok {
		m.rep.RemoteImages++
		return 0, false, nil
	}
	f, err := os.Open(path) // #nosec G304 -- inside the directory the operator named
	if errors.Is(err, fs.ErrNotExist) {
		m.rep.MissingMedia++
		m.rep.RemoteImages++
		m.rep.warn("image %s is not in the media directory (looked for %s)", u, path)
		m.done[u] = ingested{}
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("open image %s: %w", path, err)
	}
	defer f.Close()
	if m.opt.Media == nil || m.opt.DryRun {
		m.done[u] = ingested{}
		return 0, false, nil
	}
	mi, err := m.opt.Media.Ingest(ctx, f)
	if err != nil {
		m.rep.warn("image %s was not taken in: %v", path, err)
		m.rep.RemoteImages++
		m.done[u] = ingested{}
		return 0, false, nil
	}
	img := content.Image{Hash: mi.Hash, Format: mi.Format, Width: mi.Width, Height: mi.Height, Alt: alt}
	for _, r := range mi.Renditions {
		img.Renditions = append(img.Renditions, content.Rendition{Width: r.Width, Height: r.Height, File: r.File})
	}
	// Bytes already in the library give the image that is there, with its text as it is
	// (an editor may have corrected it since an earlier import): a re-import links the same
	// image and changes nothing of it.
	id, err := tx.CreateImage(ctx, img, 0)
	if err != nil {
		return 0, false, err
	}
	d := ingested{id: id}
	if n := len(img.Renditions); n > 0 {
		d.url = "/media/" + img.Renditions[n-1].File
	}
	m.done[u] = d
	return id, true, nil
}

// rewrite points the images of a body at their ingested copies.
func (m *mediaIntake) rewrite(ctx context.Context, tx Tx, postID, md string, images []string) (string, error) {
	for _, src := range uniq(images) {
		src = strings.TrimSpace(src) // as the Markdown has it
		if !strings.HasPrefix(src, "http://") && !strings.HasPrefix(src, "https://") && !strings.HasPrefix(src, "//") &&
			!strings.HasPrefix(src, "/wp-content/") && !strings.HasPrefix(src, "/content/images/") {
			continue
		}
		_, ok, err := m.ingest(ctx, tx, src, "")
		if err != nil {
			return "", fmt.Errorf("post %s: %w", postID, err)
		}
		if d := m.done[src]; ok && d.url != "" {
			md = replaceDestination(md, src, d.url)
		}
	}
	return md, nil
}

// replaceDestination replaces from by to where from is a whole link or image destination in
// the Markdown md, (from), (from "title") or (<from>), and not where it is a part of a longer
// address: a relative /wp-content/uploads/x.jpg is left alone inside
// https://old.example.org/wp-content/uploads/x.jpg.
func replaceDestination(md, from, to string) string {
	var b strings.Builder
	for {
		i := strings.Index(md, from)
		if i < 0 {
			b.WriteString(md)
			return b.String()
		}
		j := i + len(from)
		b.WriteString(md[:i])
		if i > 0 && (md[i-1] == '(' || md[i-1] == '<') && j < len(md) && (md[j] == ')' || md[j] == '>' || md[j] == ' ') {
			b.WriteString(to)
		} else {
			b.WriteString(from)
		}
		md = md[j:]
	}
}
