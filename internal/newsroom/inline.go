package newsroom

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
)

// inlineImg matches the <img> goldmark renders for Markdown images of our media files.
var inlineImg = regexp.MustCompile(`<img src="/media/([0-9a-f]{32})-\d+\.(?:jpg|png)" alt="([^"]*)"( title="[^"]*")?>`)

// responsiveImages gives inline images of uploaded media a srcset and their width and
// height, so pages load the right size and do not shift while loading. Other images are
// left as they are.
func (s *Service) responsiveImages(ctx context.Context, html string) (string, error) {
	var firstErr error
	out := inlineImg.ReplaceAllStringFunc(html, func(tag string) string {
		m := inlineImg.FindStringSubmatch(tag)
		img, err := s.st.ImageByFilePrefix(ctx, m[1])
		if err != nil {
			if !errors.Is(err, content.ErrNotFound) && firstErr == nil {
				firstErr = err
			}
			return tag
		}
		if len(img.Renditions) == 0 {
			return tag
		}
		largest := img.Renditions[len(img.Renditions)-1]
		parts := make([]string, 0, len(img.Renditions))
		for _, r := range img.Renditions {
			parts = append(parts, "/media/"+r.File+" "+strconv.Itoa(r.Width)+"w")
		}
		return fmt.Sprintf(`<img src="/media/%s" srcset="%s" sizes="(min-width: 60rem) 40rem, 100vw" width="%d" height="%d" alt="%s"%s loading="lazy">`,
			largest.File, strings.Join(parts, ", "), largest.Width, largest.Height, m[2], m[3])
	})
	return out, firstErr
}
