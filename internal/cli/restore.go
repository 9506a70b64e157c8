package cli

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/s3"
	"github.com/newsdesk/newsdesk/internal/store"
)

// maxManifestBytes bounds manifest.json, which is read into memory.
const maxManifestBytes = 64 << 20

func runRestore(ctx context.Context, env Env, args []string) error {
	var dsn, mediaDir string
	fs := newFlags(env, "restore", "restore --db PATH --media DIR|s3://bucket/prefix FILE.tar", `
Restore a backup made by "newsdesk backup" into an empty location: --db must not exist and
--media must not exist or be empty; nothing is ever overwritten. With --media
s3://bucket/prefix (the AWS_* settings read as serve reads them) the media files are put
into the bucket, those already there (same name, same size: names come from the bytes)
left as they are, before the database is put in place. Every file is checked
against the SHA-256 in the archive's manifest and the database with PRAGMA
integrity_check before anything is put in place. A backup of an older schema is migrated
when serve starts; one of a newer schema than this binary knows is refused.
For PostgreSQL restore the pg_dump file with pg_restore: see docs/backup.md.`)
	config.DBFlag(fs, &dsn)
	fs.StringVar(&mediaDir, "media", mediaDefault(), "where the restored media go: a directory or s3://bucket/prefix (env NEWSDESK_MEDIA)")
	file, err := parseOneArg(fs, args, "FILE.tar")
	if err != nil {
		return err
	}
	if store.IsPostgres(dsn) {
		return errors.New("newsdesk restore writes SQLite databases; restore a PostgreSQL dump with " +
			"pg_restore --no-owner --dbname=URL site.dump (see docs/backup.md)")
	}
	m, err := restoreBackup(ctx, file, dsn, mediaDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Restored %s (schema %d, taken %s) into %s and %d media files into %s.\n",
		file, m.SchemaVersion, m.Created.Format("2006-01-02 15:04:05 UTC"), dsn, len(m.Media), mediaDir)
	return nil
}

// restoreBackup unpacks the archive at file into work folders beside dbPath and
// mediaDir, verifies it, and only then moves the files into place.
func restoreBackup(ctx context.Context, file, dbPath, mediaDir string) (*backupManifestDoc, error) {
	for _, p := range []string{dbPath, dbPath + "-wal", dbPath + "-shm", dbPath + "-journal"} {
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("%s already exists: restore only writes into an empty location (nothing was changed)", p)
		}
	}
	var bucket media.Blobs // the object store the media go to, or nil for a directory
	if s3.IsURL(mediaDir) {
		ms, err := app.OpenMedia(ctx, mediaDir, os.Getenv)
		if err != nil {
			return nil, fmt.Errorf("%w (nothing was changed)", err)
		}
		bucket = ms.Blobs()
	} else if entries, err := os.ReadDir(mediaDir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("media directory %s is not empty: restore only writes into an empty location (nothing was changed)", mediaDir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("media directory %s: %w", mediaDir, err)
	}
	in, err := os.Open(file) // #nosec G304 -- the operator names the archive
	if err != nil {
		return nil, fmt.Errorf("open backup: %w", err)
	}
	defer in.Close()

	dbDir := filepath.Dir(dbPath)
	if err := os.MkdirAll(dbDir, 0o750); err != nil {
		return nil, fmt.Errorf("create %s: %w", dbDir, err)
	}
	work, err := os.MkdirTemp(dbDir, ".newsdesk-restore-*")
	if err != nil {
		return nil, fmt.Errorf("make a work folder in %s: %w", dbDir, err)
	}
	defer os.RemoveAll(work)
	mediaParent := work // for a bucket, the files wait beside the database
	if bucket == nil {
		mediaParent = filepath.Dir(filepath.Clean(mediaDir))
	}
	if err := os.MkdirAll(mediaParent, 0o750); err != nil {
		return nil, fmt.Errorf("create %s: %w", mediaParent, err)
	}
	mediaWork, err := os.MkdirTemp(mediaParent, ".newsdesk-restore-media-*")
	if err != nil {
		return nil, fmt.Errorf("make a work folder in %s: %w", mediaParent, err)
	}
	defer os.RemoveAll(mediaWork)

	got, m, err := unpackBackup(ctx, in, filepath.Join(work, backupDBName), mediaWork)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (nothing was changed)", file, err)
	}
	if err := verifyBackup(m, got); err != nil {
		return nil, fmt.Errorf("%s: %w (nothing was changed)", file, err)
	}
	version, err := store.CheckSQLiteFile(ctx, filepath.Join(work, backupDBName))
	if err != nil {
		return nil, fmt.Errorf("%s: the database in the backup: %w (nothing was changed)", file, err)
	}
	if latest := store.LatestVersion(); version > latest {
		return nil, fmt.Errorf("%s holds schema %d, newer than this binary's %d: restore it with the newer Newsdesk that made it (nothing was changed)",
			file, version, latest)
	}

	// Put the media in place first, the database last: the database is what makes the
	// location a site, and os.Link refuses to replace a file that appeared meanwhile.
	if bucket != nil {
		if err := putRestored(ctx, bucket, mediaWork, m); err != nil {
			return nil, err
		}
		if err := os.Link(filepath.Join(work, backupDBName), dbPath); err != nil {
			return nil, fmt.Errorf("put the database at %s: %w (the media files put into %s are harmless: a retry reuses them)", dbPath, err, mediaDir)
		}
		return m, syncDir(dbDir)
	}
	if err := os.Remove(mediaDir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("media directory %s: %w (nothing was changed)", mediaDir, err)
	}
	if err := os.Rename(mediaWork, mediaDir); err != nil {
		return nil, fmt.Errorf("move the media into %s: %w (nothing was changed)", mediaDir, err)
	}
	if err := os.Chmod(mediaDir, 0o750); err != nil { // #nosec G302 -- a directory needs the execute bit; group read for the web server user, nothing for others
		return nil, fmt.Errorf("media directory %s: %w", mediaDir, err)
	}
	if err := os.Link(filepath.Join(work, backupDBName), dbPath); err != nil {
		_ = os.RemoveAll(mediaDir)
		return nil, fmt.Errorf("put the database at %s: %w (nothing was changed)", dbPath, err)
	}
	if err := syncDir(dbDir); err != nil {
		return nil, err
	}
	return m, nil
}

// putRestored puts the verified media files of m, unpacked into dir, into the bucket; one
// already there with the same size is left alone (its name comes from its bytes).
func putRestored(ctx context.Context, bucket media.Blobs, dir string, m *backupManifestDoc) error {
	for _, f := range m.Media {
		rel := strings.TrimPrefix(f.Path, backupMediaDir)
		if strings.Contains(rel, "/") {
			return fmt.Errorf("media file %s is in a folder, which a bucket's media store does not read: restore into a directory (nothing was put in place)", f.Path)
		}
	}
	for _, f := range m.Media {
		name := strings.TrimPrefix(f.Path, backupMediaDir)
		if size, err := bucket.Head(ctx, name); err == nil && size == f.Size {
			continue
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("restore media file %s: %w (the database was not put in place)", name, err)
		}
		file, err := os.Open(filepath.Join(dir, name)) // #nosec G304 -- a checked name inside the work folder
		if err != nil {
			return fmt.Errorf("restore media file %s: %w (the database was not put in place)", name, err)
		}
		err = bucket.Put(ctx, name, file, f.Size, media.ContentType(name))
		file.Close()
		if err != nil {
			return fmt.Errorf("restore media file %s: %w (the database was not put in place; files already put are harmless, a retry reuses them)", name, err)
		}
	}
	return nil
}

// unpackBackup reads the archive, writing the database to dbFile and the media into
// mediaDir, and returns what it wrote (archive name → size and SHA-256) and the manifest.
// Only the three kinds of entry a backup holds are accepted, each by a plain name.
func unpackBackup(ctx context.Context, r io.Reader, dbFile, mediaDir string) (map[string]backupFile, *backupManifestDoc, error) {
	got := map[string]backupFile{}
	var m *backupManifestDoc
	tr := tar.NewReader(r)
	for {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("not a readable backup archive: %w", err)
		}
		name := hdr.Name
		if hdr.Typeflag == tar.TypeDir {
			continue
		}
		if hdr.Typeflag != tar.TypeReg {
			return nil, nil, fmt.Errorf("unexpected entry %q (type %c) in the archive", name, hdr.Typeflag)
		}
		if _, dup := got[name]; dup {
			return nil, nil, fmt.Errorf("entry %q appears twice in the archive", name)
		}
		var dst string
		switch {
		case name == backupManifest:
			if m != nil {
				return nil, nil, errors.New("two manifests in the archive")
			}
			if hdr.Size > maxManifestBytes {
				return nil, nil, fmt.Errorf("manifest of %d bytes is too large", hdr.Size)
			}
			m = &backupManifestDoc{}
			if err := json.NewDecoder(io.LimitReader(tr, maxManifestBytes)).Decode(m); err != nil {
				return nil, nil, fmt.Errorf("read manifest: %w", err)
			}
			continue
		case name == backupDBName:
			dst = dbFile
		case strings.HasPrefix(name, backupMediaDir):
			rel := strings.TrimPrefix(name, backupMediaDir)
			if rel == "" || !fs.ValidPath(rel) || path.Clean(rel) != rel || strings.Contains(rel, "\\") {
				return nil, nil, fmt.Errorf("unsafe media name %q in the archive", name)
			}
			dst = filepath.Join(mediaDir, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
				return nil, nil, fmt.Errorf("restore %s: %w", name, err)
			}
		default:
			return nil, nil, fmt.Errorf("unexpected entry %q in the archive", name)
		}
		f, err := writeRestored(tr, dst)
		if err != nil {
			return nil, nil, fmt.Errorf("restore %s: %w", name, err)
		}
		f.Path = name
		got[name] = f
	}
	if m == nil {
		return nil, nil, errors.New("no manifest.json: not a Newsdesk backup, or a truncated one")
	}
	return got, m, nil
}

// writeRestored copies one entry into a new file at dst, synced, and hashes it.
func writeRestored(r io.Reader, dst string) (backupFile, error) {
	f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640) // #nosec G304 G302 -- a checked name inside the work folder; the database is readable by the group, as the backup was
	if err != nil {
		return backupFile{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return backupFile{}, err
	}
	return backupFile{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// verifyBackup compares what was unpacked with the manifest, both ways.
func verifyBackup(m *backupManifestDoc, got map[string]backupFile) error {
	if m.Format != backupFormat {
		return fmt.Errorf("unknown backup format %q (this binary reads %q)", m.Format, backupFormat)
	}
	if m.Database.Path != backupDBName {
		return fmt.Errorf("the manifest names the database %q, not %q", m.Database.Path, backupDBName)
	}
	want := append([]backupFile{m.Database}, m.Media...)
	seen := map[string]bool{}
	for _, w := range want {
		g, ok := got[w.Path]
		if !ok {
			return fmt.Errorf("%s is in the manifest but not in the archive", w.Path)
		}
		if g.Size != w.Size || g.SHA256 != w.SHA256 {
			return fmt.Errorf("%s is damaged: %d bytes with SHA-256 %s, the manifest says %d bytes with %s",
				w.Path, g.Size, g.SHA256, w.Size, w.SHA256)
		}
		seen[w.Path] = true
	}
	for name := range got {
		if !seen[name] {
			return fmt.Errorf("%s is in the archive but not in its manifest", name)
		}
	}
	return nil
}

// syncDir makes the renames and links in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir) // #nosec G304 -- the folder of the restored database
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
