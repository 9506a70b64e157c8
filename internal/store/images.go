package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// CreateImage records an uploaded image and returns its id: InsertImage without saying
// whether the image is new.
func (t *Tx) CreateImage(ctx context.Context, img content.Image, userID int64) (int64, error) {
	id, _, err := t.InsertImage(ctx, img, userID)
	return id, err
}

// InsertImage records an uploaded image and returns its id; created is false when an image
// with the same hash (the same bytes) is already recorded. That image is returned as it
// is: its alt text, caption and credit are never overwritten by an upload, since it may
// belong to someone else and be shown on a published story. Changing them is
// SetImageText.
func (t *Tx) InsertImage(ctx context.Context, img content.Image, userID int64) (id int64, created bool, err error) {
	rend, err := json.Marshal(img.Renditions)
	if err != nil {
		return 0, false, fmt.Errorf("encode renditions: %w", err)
	}
	err = t.queryRow(ctx, `INSERT INTO images (hash, format, width, height, renditions, alt, caption, credit, uploaded_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO NOTHING
		RETURNING id`, img.Hash, img.Format, img.Width, img.Height, string(rend), img.Alt, img.Caption, img.Credit,
		nullID(userID), micros(time.Now())).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if !isNoRows(err) {
		return 0, false, fmt.Errorf("record image %s: %w", img.Hash, err)
	}
	if err := t.queryRow(ctx, "SELECT id FROM images WHERE hash = ?", img.Hash).Scan(&id); err != nil {
		return 0, false, fmt.Errorf("find image %s: %w", img.Hash, err)
	}
	return id, false, nil
}

// ImageUsage reads an image, its uploader and the stories that lead with it (by id).
func (t *Tx) ImageUsage(ctx context.Context, id int64) (newsroom.ImageUsage, error) {
	var u newsroom.ImageUsage
	var err error
	u.Image, err = scanImage(t.queryRow(ctx, "SELECT "+imageColumns+" WHERE id = ?", id))
	if isNoRows(err) {
		return u, fmt.Errorf("image %d: %w", id, content.ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("load image %d: %w", id, err)
	}
	texts, err := imageTexts(ctx, t.s.on(t.tx), id)
	if err != nil {
		return u, err
	}
	u.Image.Texts = texts[id]
	if err := t.queryRow(ctx, "SELECT COALESCE(uploaded_by, 0) FROM images WHERE id = ?", id).Scan(&u.UploadedBy); err != nil {
		return u, fmt.Errorf("load uploader of image %d: %w", id, err)
	}
	rows, err := t.tx.QueryContext(ctx, t.s.q("SELECT id, COALESCE(owner_id, 0), status, language FROM articles WHERE lead_image_id = ? ORDER BY id"), id)
	if err != nil {
		return u, fmt.Errorf("list stories showing image %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var s newsroom.ImageStory
		var status string
		if err := rows.Scan(&s.ID, &s.OwnerID, &status, &s.Language); err != nil {
			return u, fmt.Errorf("scan story showing image %d: %w", id, err)
		}
		s.Status = content.Status(status)
		u.Stories = append(u.Stories, s)
	}
	return u, rows.Err()
}

// SetImageText changes an image's alt text, caption and credit, and purges the pages of
// the stories that show it as their lead picture (the only pages that print its text).
func (t *Tx) SetImageText(ctx context.Context, id int64, alt, caption, credit string) error {
	res, err := t.exec(ctx, "UPDATE images SET alt = ?, caption = ?, credit = ? WHERE id = ?", alt, caption, credit, id)
	if err != nil {
		return fmt.Errorf("change text of image %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("change text of image %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("image %d: %w", id, content.ErrNotFound)
	}
	return t.purgeImage(ctx, id, nil)
}

const imageColumns = "id, hash, format, width, height, renditions, alt, caption, credit, created_at FROM images"

func scanImage(row interface{ Scan(...any) error }) (content.Image, error) {
	var img content.Image
	var rend string
	var at int64
	if err := row.Scan(&img.ID, &img.Hash, &img.Format, &img.Width, &img.Height, &rend, &img.Alt, &img.Caption, &img.Credit, &at); err != nil {
		return img, err
	}
	img.CreatedAt = fromMicros(at)
	if err := json.Unmarshal([]byte(rend), &img.Renditions); err != nil {
		return img, fmt.Errorf("decode renditions of image %d: %w", img.ID, err)
	}
	return img, nil
}

// ImageByID returns an image.
func (s *Store) ImageByID(ctx context.Context, id int64) (content.Image, error) {
	img, err := scanImage(s.queryRow(ctx, ("SELECT " + imageColumns + " WHERE id = ?"), id))
	if isNoRows(err) {
		return img, fmt.Errorf("image %d: %w", id, content.ErrNotFound)
	}
	if err != nil {
		return img, fmt.Errorf("load image %d: %w", id, err)
	}
	texts, err := imageTexts(ctx, s.query, id)
	img.Texts = texts[id]
	return img, err
}

// Images lists the newest images.
func (s *Store) Images(ctx context.Context, limit, offset int) ([]content.Image, error) {
	out, err := s.readImages(ctx, "SELECT "+imageColumns+" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", limit, offset)
	if err != nil {
		return nil, fmt.Errorf("list images: %w", err)
	}
	return out, nil
}

// readImages runs a query of imageColumns and gives the images their texts.
func (s *Store) readImages(ctx context.Context, query string, args ...any) ([]content.Image, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []content.Image
	for rows.Next() {
		img, err := scanImage(rows)
		if err != nil {
			return nil, fmt.Errorf("scan image: %w", err)
		}
		out = append(out, img)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, withTexts(ctx, s.query, out)
}

// withLeadImages loads the lead images of the listed stories (scanSummaries notes their
// ids) in one query, each with its texts in the story's language.
func (s *Store) withLeadImages(ctx context.Context, list []content.ArticleSummary) error {
	var args []any
	for _, a := range list {
		if a.LeadImage != nil {
			args = append(args, a.LeadImage.ID)
		}
	}
	if len(args) == 0 {
		return nil
	}
	images, err := s.readImages(ctx, "SELECT "+imageColumns+" WHERE id IN ("+placeholders(len(args))+")", args...)
	if err != nil {
		return fmt.Errorf("load lead images: %w", err)
	}
	byID := make(map[int64]content.Image, len(images))
	for _, img := range images {
		byID[img.ID] = img
	}
	for i, a := range list {
		if a.LeadImage == nil {
			continue
		}
		if img, ok := byID[a.LeadImage.ID]; ok && len(img.Renditions) > 0 {
			img = img.In(a.Language)
			list[i].LeadImage = &img
		} else {
			list[i].LeadImage = nil
		}
	}
	return nil
}

// ImageByFilePrefix finds an image by the 32-hex prefix of its hash that names its files.
func (s *Store) ImageByFilePrefix(ctx context.Context, prefix string) (content.Image, error) {
	img, err := scanImage(s.queryRow(ctx, ("SELECT " + imageColumns + " WHERE hash >= ? AND hash < ? ORDER BY hash LIMIT 1"),
		prefix, prefix+"g"))
	if isNoRows(err) {
		return img, fmt.Errorf("image %s: %w", prefix, content.ErrNotFound)
	}
	if err != nil {
		return img, fmt.Errorf("load image %s: %w", prefix, err)
	}
	return img, nil
}
