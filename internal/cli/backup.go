package cli

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/s3"
	"github.com/newsdesk/newsdesk/internal/store"
)

// The layout of a backup archive (a plain tar file).
const (
	backupFormat   = "newsdesk-backup/1"
	backupDBName   = "newsdesk.db"
	backupMediaDir = "media/"
	backupManifest = "manifest.json"
)

// backupManifestDoc is manifest.json, the last entry of a backup: what the archive holds
// and the SHA-256 of every file, checked by restore.
type backupManifestDoc struct {
	Format        string       `json:"format"`
	Created       time.Time    `json:"created"`
	Newsdesk      string       `json:"newsdesk_version"`
	SchemaVersion int          `json:"schema_version"`
	Database      backupFile   `json:"database"`
	Media         []backupFile `json:"media"`
	Totals        backupTotals `json:"totals"`
}

type backupFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

type backupTotals struct {
	MediaFiles int   `json:"media_files"`
	MediaBytes int64 `json:"media_bytes"`
}

func runBackup(ctx context.Context, env Env, args []string) error {
	var dsn, mediaDir string
	var overwrite bool
	fs := newFlags(env, "backup", "backup [--db DB] [--media DIR|s3://bucket/prefix] FILE.tar", `
Write a consistent backup of a SQLite site into one tar file: the database, copied with
SQLite's online backup API while the server runs and writes go on, then the media
(the directory's files, or the objects of the s3:// bucket and prefix, read with the AWS_*
settings of the environment as serve reads them), and a manifest (manifest.json: schema version, time, sizes and SHA-256 of every
file). Restore it with "newsdesk restore". The archive is written to FILE.tar.partial and
renamed when complete, so FILE.tar is never half-written.
For PostgreSQL use pg_dump and archive the media directory yourself: see docs/backup.md.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&mediaDir, "media", mediaDefault(), "the site's media: a directory or s3://bucket/prefix (env NEWSDESK_MEDIA)")
	fs.BoolVar(&overwrite, "overwrite", false, "replace FILE.tar if it exists")
	file, err := parseOneArg(fs, args, "FILE.tar")
	if err != nil {
		return err
	}
	if store.IsPostgres(dsn) {
		return store.ErrBackupPostgres
	}
	if fi, err := os.Stat(dsn); err != nil || !fi.Mode().IsRegular() {
		return fmt.Errorf("no SQLite database at %s: give --db PATH of the site's database", dsn)
	}
	if _, err := os.Stat(file); err == nil && !overwrite {
		return fmt.Errorf("%s already exists: pick another name or pass --overwrite", file)
	}
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := writeBackup(ctx, st, mediaDir, file)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Backed up %s (schema %d, %s) and %d media files (%s) to %s.\n",
		dsn, m.SchemaVersion, humanSize(m.Database.Size), m.Totals.MediaFiles, humanSize(m.Totals.MediaBytes), file)
	return nil
}

// writeBackup writes the archive to file (through file.partial). The database is copied
// first and the media directory after it: images are written before the rows that name
// them, so every image the copied database names is in the archive.
func writeBackup(ctx context.Context, st *store.Store, mediaDir, file string) (*backupManifestDoc, error) {
	dir := filepath.Dir(file)
	tmpDir, err := os.MkdirTemp(dir, ".newsdesk-backup-*")
	if err != nil {
		return nil, fmt.Errorf("make a work folder beside %s: %w", file, err)
	}
	defer os.RemoveAll(tmpDir)
	dbCopy := filepath.Join(tmpDir, backupDBName)
	version, err := st.BackupSQLite(ctx, dbCopy)
	if err != nil {
		return nil, err
	}
	m := &backupManifestDoc{Format: backupFormat, Created: time.Now().UTC().Truncate(time.Second),
		Newsdesk: binaryVersion(), SchemaVersion: version, Media: []backupFile{}}

	partial := file + ".partial"
	out, err := os.OpenFile(partial, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600) // #nosec G304 -- the operator names the file
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", partial, err)
	}
	ok := false
	defer func() {
		if !ok {
			out.Close()
			os.Remove(partial)
		}
	}()
	tw := tar.NewWriter(out)
	m.Database, err = addTarFile(tw, dbCopy, backupDBName)
	if err != nil {
		return nil, err
	}
	if s3.IsURL(mediaDir) {
		ms, err := app.OpenMedia(ctx, mediaDir, os.Getenv)
		if err != nil {
			return nil, err
		}
		err = addBlobs(ctx, tw, ms.Blobs(), m)
		if err != nil {
			return nil, err
		}
	} else if err := addMedia(ctx, tw, mediaDir, m); err != nil {
		return nil, err
	}
	doc, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode manifest: %w", err)
	}
	doc = append(doc, '\n')
	if err := tw.WriteHeader(&tar.Header{Name: backupManifest, Mode: 0o600, Size: int64(len(doc)),
		ModTime: m.Created, Typeflag: tar.TypeReg}); err != nil {
		return nil, fmt.Errorf("write %s: %w", partial, err)
	}
	if _, err := tw.Write(doc); err != nil {
		return nil, fmt.Errorf("write %s: %w", partial, err)
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("write %s: %w", partial, err)
	}
	if err := out.Sync(); err != nil {
		return nil, fmt.Errorf("write %s: %w", partial, err)
	}
	if err := out.Close(); err != nil {
		return nil, fmt.Errorf("write %s: %w", partial, err)
	}
	if err := os.Rename(partial, file); err != nil {
		return nil, fmt.Errorf("rename %s: %w", partial, err)
	}
	ok = true
	return m, nil
}

// addMedia adds every regular file under mediaDir (a missing folder is an empty one),
// skipping the media store's temporary files of uploads in progress.
func addMedia(ctx context.Context, tw *tar.Writer, mediaDir string, m *backupManifestDoc) error {
	if _, err := os.Stat(mediaDir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return filepath.WalkDir(mediaDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read media directory: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".ingest-") {
			return nil
		}
		rel, err := filepath.Rel(mediaDir, path)
		if err != nil {
			return err
		}
		f, err := addTarFile(tw, path, backupMediaDir+filepath.ToSlash(rel))
		if errors.Is(err, fs.ErrNotExist) {
			return nil // deleted since the walk saw it
		}
		if err != nil {
			return err
		}
		m.Media = append(m.Media, f)
		m.Totals.MediaFiles++
		m.Totals.MediaBytes += f.Size
		return nil
	})
}

// addBlobs adds every file of an object store's media, streamed from the store into the
// archive and hashed on the way.
func addBlobs(ctx context.Context, tw *tar.Writer, blobs media.Blobs, m *backupManifestDoc) error {
	return blobs.List(ctx, func(name string, size int64) error {
		body, got, err := blobs.Get(ctx, name, 0)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // deleted since the listing
		}
		if err != nil {
			return fmt.Errorf("back up media file %s: %w", name, err)
		}
		defer body.Close()
		if got != size {
			return fmt.Errorf("back up media file %s: listed with %d bytes, read with %d", name, size, got)
		}
		hdr := &tar.Header{Name: backupMediaDir + name, Mode: 0o640, Size: size, ModTime: m.Created,
			Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return fmt.Errorf("back up media file %s: %w", name, err)
		}
		h := sha256.New()
		if _, err := io.CopyN(tw, io.TeeReader(body, h), size); err != nil {
			return fmt.Errorf("back up media file %s: %w", name, err)
		}
		f := backupFile{Path: hdr.Name, Size: size, SHA256: hex.EncodeToString(h.Sum(nil))}
		m.Media = append(m.Media, f)
		m.Totals.MediaFiles++
		m.Totals.MediaBytes += size
		return nil
	})
}

// addTarFile copies the file at path into the archive as name, hashing what it writes.
func addTarFile(tw *tar.Writer, path, name string) (backupFile, error) {
	f, err := os.Open(path) // #nosec G304 -- a file of the database copy or the media directory
	if err != nil {
		return backupFile{}, fmt.Errorf("back up %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return backupFile{}, fmt.Errorf("back up %s: %w", path, err)
	}
	hdr := &tar.Header{Name: name, Mode: 0o640, Size: fi.Size(), ModTime: fi.ModTime().UTC().Truncate(time.Second),
		Typeflag: tar.TypeReg, Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return backupFile{}, fmt.Errorf("back up %s: %w", path, err)
	}
	h := sha256.New()
	if _, err := io.CopyN(tw, io.TeeReader(f, h), fi.Size()); err != nil {
		return backupFile{}, fmt.Errorf("back up %s (did it change while being copied?): %w", path, err)
	}
	return backupFile{Path: name, Size: fi.Size(), SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// parseOneArg parses flags given before or after the one positional argument, named what.
func parseOneArg(fs *flag.FlagSet, args []string, what string) (string, error) {
	if err := parse(fs, args); err != nil {
		return "", err
	}
	var pos []string
	for fs.NArg() > 0 {
		pos = append(pos, fs.Arg(0))
		if err := parse(fs, fs.Args()[1:]); err != nil {
			return "", err
		}
	}
	if len(pos) != 1 {
		return "", fmt.Errorf("%w: give exactly one %s (got %d arguments)", errUsage, what, len(pos))
	}
	return pos[0], nil
}

func mediaDefault() string {
	if v := os.Getenv("NEWSDESK_MEDIA"); v != "" {
		return v
	}
	return "media"
}

func binaryVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
