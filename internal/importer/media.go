package importer

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/media"
)

// mediaIntake brings the old site's images over from a local copy of wp-content/uploads,
// through the same checks, resizing and re-encoding as uploads (internal/media).
type mediaIntake struct {
	opt  Options
	rep  *Report
	done map[string]ingested // old URL → what it became
	// waiting are the bodies with a [gallery] of attachments that come after their post in
	// the export (as WordPress writes them: an upload's id is larger than its post's), set
	// once every attachment has been read (settle).
	waiting []waitingBody
	// final is set once every attachment has been read.
	final bool
	// attachmentText is the text (alt) and caption of each attachment read, by id.
	attachmentText map[string]attachmentText
}

// attachmentText is what a [gallery] shows of an attachment besides the image.
type attachmentText struct{ alt, caption string }

// attachment remembers an attachment's text and caption (its excerpt), for the galleries.
func (m *mediaIntake) attachment(p *Post) {
	alt, caption := plainText(p.MetaValue("_wp_attachment_image_alt")), plainText(p.Excerpt)
	if alt == "" && caption == "" {
		return
	}
	if m.attachmentText == nil {
		m.attachmentText = map[string]attachmentText{}
	}
	m.attachmentText[p.ID] = attachmentText{alt: alt, caption: caption}
}

// waitingBody is the body of an imported article that names attachments not read yet.
type waitingBody struct {
	articleID int64
	postID    string
	md        string
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
	img := mi.Content()
	img.Alt = alt
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

// rewrite points the images and other media files of a converted body at their ingested
// copies, and the images of a [gallery ids=…] at the attachments' addresses (attachments:
// id → address, those read so far).
func (m *mediaIntake) rewrite(ctx context.Context, tx Tx, postID string, conv *Converted, attachments map[string]string) (string, error) {
	md, images := m.attachments(postID, conv.Markdown, conv.Images, attachments)
	md, err := m.keepAll(ctx, postID, md, conv.Media)
	if err != nil {
		return "", err
	}
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
// the Markdown md, (from), (from "title") or (<from>), or a whole attribute value of its
// HTML (src="from"), and not where it is a part of a longer
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
		if i > 0 && (md[i-1] == '(' || md[i-1] == '<') && j < len(md) && (md[j] == ')' || md[j] == '>' || md[j] == ' ') ||
			i > 1 && md[i-2:i] == `="` && j < len(md) && md[j] == '"' { // src="from" in an HTML block

			b.WriteString(to)
		} else {
			b.WriteString(from)
		}
		md = md[j:]
	}
}

// attachments puts the addresses of the attachments in place of the attachment ids of a
// body ([gallery ids=…]) and leaves out, with a warning, those not read before the post. It
// returns the body and its images with the addresses.
func (m *mediaIntake) attachments(postID, md string, images []string, known map[string]string) (string, []string) {
	out := images[:0:0]
	for _, src := range images {
		id, ok := strings.CutPrefix(src, attachmentScheme)
		if !ok {
			out = append(out, src)
			continue
		}
		if u, ok := known[id]; ok && safeURL(u) != "" {
			if t, ok := m.attachmentText[id]; ok { // its text and caption, as the gallery showed them
				fig := `<img src="` + html.EscapeString(u) + `" alt="` + html.EscapeString(t.alt) + `">`
				if t.caption != "" {
					fig += "<figcaption>" + html.EscapeString(t.caption) + "</figcaption>"
				}
				md = strings.Replace(md, `<img src="`+src+`" alt="">`, fig, 1)
			}
			md = replaceDestination(md, src, u)
			out = append(out, u)
			continue
		}
		if !m.final {
			continue // settled at the end
		}
		md = strings.Replace(md, `<figure><img src="`+src+`" alt=""></figure>`, "", 1)
		m.rep.warn("post %s: image %s of a [gallery] left out: that attachment is not in the export", postID, id)
	}
	if len(out) < len(images) {
		md = strings.TrimSpace(blankRuns.ReplaceAllString(strings.ReplaceAll(md, `<figure class="nd-gallery"></figure>`, ""), "\n\n")) + "\n"
	}
	return md, out
}

// keepAll brings over the video, audio and other files of a body (Converted.Media) and
// points the body at our copies; what stays at its old address is counted and named.
func (m *mediaIntake) keepAll(ctx context.Context, postID, md string, files []string) (string, error) {
	for _, src := range uniq(files) {
		to, err := m.keep(ctx, postID, src)
		if err != nil {
			return "", fmt.Errorf("post %s: %w", postID, err)
		}
		if to != "" {
			md = replaceDestination(md, src, to)
		}
	}
	return md, nil
}

// keep takes in the file at old address u as it is (media.Store.Keep) and returns its new
// address, or "" when it stays where it is (reported).
func (m *mediaIntake) keep(ctx context.Context, postID, u string) (string, error) {
	if d, ok := m.done[u]; ok {
		return d.url, nil
	}
	m.done[u] = ingested{}
	name, _, _ := strings.Cut(u, "?")
	name, _, _ = strings.Cut(name, "#")
	ext := strings.ToLower(path.Ext(name))
	file, ok := m.local(u)
	switch {
	case !ok:
		m.remoteMedia(postID, u, "")
		return "", nil
	case media.KeptType(ext) == "":
		m.remoteMedia(postID, u, "a "+strings.TrimPrefix(ext, ".")+" file is not kept here")
		return "", nil
	}
	f, err := os.Open(file) // #nosec G304 -- inside the directory the operator named
	if errors.Is(err, fs.ErrNotExist) {
		m.remoteMedia(postID, u, "not in the media directory (looked for "+file+")")
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("open media file %s: %w", file, err)
	}
	defer f.Close()
	if m.opt.Media == nil || m.opt.DryRun {
		return "", nil
	}
	kf, err := m.opt.Media.Keep(ctx, f, ext, 0)
	if err != nil {
		m.remoteMedia(postID, u, err.Error())
		return "", nil
	}
	m.done[u] = ingested{url: "/media/" + kf.Name}
	if kf.Written {
		m.rep.count("media file").Created++
	} else {
		m.rep.count("media file").Unchanged++
	}
	return "/media/" + kf.Name, nil
}

// remoteMedia reports a media file left at its old address, and why if there is a reason
// beyond the lack of --media-dir.
func (m *mediaIntake) remoteMedia(postID, u, why string) {
	m.rep.RemoteMedia++
	if why == "" {
		m.rep.warn("post %s: %s kept at its old address", postID, u)
	} else {
		m.rep.warn("post %s: %s kept at its old address: %s", postID, u, why)
	}
}

// later remembers the body of article id if it names attachments not read yet.
func (m *mediaIntake) later(id int64, postID, md string) {
	if strings.Contains(md, `src="`+attachmentScheme) {
		m.waiting = append(m.waiting, waitingBody{articleID: id, postID: postID, md: md})
	}
}

var attachmentSrc = regexp.MustCompile(`src="(` + attachmentScheme + `[0-9]+)"`)

// settle sets the bodies that named attachments not read at the time, now that all are:
// their images are brought over like any other, and those still unknown left out (reported).
func (m *mediaIntake) settle(ctx context.Context, tx Tx, attachments map[string]string, r *content.Renderer) error {
	m.final = true
	for _, w := range m.waiting {
		conv := &Converted{Markdown: w.md}
		for _, sm := range attachmentSrc.FindAllStringSubmatch(w.md, -1) {
			conv.Images = append(conv.Images, sm[1])
		}
		md, err := m.rewrite(ctx, tx, w.postID, conv, attachments)
		if err != nil {
			return err
		}
		out, err := r.Render(md)
		if err != nil {
			return fmt.Errorf("post %s: %w", w.postID, err)
		}
		if err := tx.ImportSetBody(ctx, w.articleID, md, out); err != nil {
			return fmt.Errorf("post %s: %w", w.postID, err)
		}
	}
	m.waiting = nil
	return nil
}
