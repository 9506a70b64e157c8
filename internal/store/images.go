package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// CreateImage records an uploaded image (or returns the existing one with the same hash,
// updating its alt text, caption and credit).
func (t *Tx) CreateImage(ctx context.Context, img content.Image, userID int64) (int64, error) {
	rend, err := json.Marshal(img.Renditions)
	if err != nil {
		return 0, fmt.Errorf("encode renditions: %w", err)
	}
	var id int64
	err = t.queryRow(ctx, `INSERT INTO images (hash, format, width, height, renditions, alt, caption, credit, uploaded_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO UPDATE SET alt = excluded.alt, caption = excluded.caption, credit = excluded.credit
		RETURNING id`, img.Hash, img.Format, img.Width, img.Height, string(rend), img.Alt, img.Caption, img.Credit,
		nullID(userID), micros(time.Now())).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record image %s: %w", img.Hash, err)
	}
	return id, nil
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
	return img, nil
}

// Images lists the newest images.
func (s *Store) Images(ctx context.Context, limit, offset int) ([]content.Image, error) {
	rows, err := s.query(ctx, ("SELECT " + imageColumns + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"), limit, offset)
	if err != nil {
		return nil, fmt.Errorf("list images: %w", err)
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
	return out, rows.Err()
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
