package newsroom_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestStoriesLinkTheirAuthor: a new story's author is its writer's own author (made on
// the first story), whatever its byline says; a translation keeps the source's author.
func TestStoriesLinkTheirAuthor(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		in := story("A new hire files")
		in.Byline = "Our correspondent"
		a, err := e.svc.Create(ctx, e.corr, in)
		if err != nil {
			t.Fatal(err)
		}
		p, err := e.st.AuthorOfUser(ctx, e.corr.ID)
		if err != nil || a.Author.ID != p.ID || a.Author.Slug != p.Slug || a.Byline != "Our correspondent" {
			t.Fatalf("story author %+v byline %q; the user's author %+v %v", a.Author, a.Byline, p, err)
		}
		tr, err := e.svc.Translate(ctx, e.editor, a.ID, "ru")
		if err != nil || tr.Author.ID != p.ID {
			t.Errorf("translation by an editor: author %+v %v, want the writer's %d", tr.Author, err, p.ID)
		}
	})
}

// TestProfileRules: staff edit their own profile, admins anyone's; only admins change the
// page's address; bad input is a field error naming each field.
func TestProfileRules(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		admin := mkUser(t, e.st, "admin@x.test", account.RoleAdmin)
		good := newsroom.ProfileInput{Name: "Corr One", Role: "Reporter",
			Texts: map[string]content.AuthorText{"ru": {Name: "Корр Один", Bio: "Пишет о портах."}},
			Links: []content.AuthorLink{{URL: "corr.example/me"}, {URL: "corr@x.example"}, {}}}
		p, err := e.svc.SaveProfile(ctx, e.corr, e.corr.ID, good)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Links) != 2 || p.Links[0].URL != "https://corr.example/me" || p.Links[1].URL != "mailto:corr@x.example" || p.Texts["ru"].Bio != "Пишет о портах." {
			t.Errorf("saved %+v", p)
		}
		for _, tc := range []struct {
			name  string
			actor account.User
			user  int64
		}{{"another correspondent", e.corr2, e.corr.ID}, {"an editor", e.editor, e.corr.ID}} {
			if _, err := e.svc.Profile(ctx, tc.actor, tc.user); !errors.Is(err, account.ErrForbidden) {
				t.Errorf("%s reads the profile: %v, want forbidden", tc.name, err)
			}
			if _, err := e.svc.SaveProfile(ctx, tc.actor, tc.user, good); !errors.Is(err, account.ErrForbidden) {
				t.Errorf("%s saves the profile: %v, want forbidden", tc.name, err)
			}
		}
		if _, err := e.svc.Profile(ctx, admin, 987654); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("profile of no user: %v, want not found", err)
		}
		bad := []struct {
			name  string
			actor account.User
			edit  func(in *newsroom.ProfileInput)
			field string
		}{
			{"no name", e.corr, func(in *newsroom.ProfileInput) { in.Name = " " }, "name"},
			{"long role", e.corr, func(in *newsroom.ProfileInput) { in.Role = strings.Repeat("r", 121) }, "role"},
			{"long bio", e.corr, func(in *newsroom.ProfileInput) {
				in.Texts = map[string]content.AuthorText{"en": {Bio: strings.Repeat("b", content.MaxAuthorBio+1)}}
			}, "bio.en"},
			{"unknown language", e.corr, func(in *newsroom.ProfileInput) { in.Texts = map[string]content.AuthorText{"xx": {Bio: "x"}} }, "texts"},
			{"a script link", e.corr, func(in *newsroom.ProfileInput) { in.Links = []content.AuthorLink{{URL: "javascript:alert(1)"}} }, "links.1"},
			{"too many links", e.corr, func(in *newsroom.ProfileInput) {
				in.Links = nil
				for range content.MaxAuthorLinks + 1 {
					in.Links = append(in.Links, content.AuthorLink{URL: "https://a.example/"})
				}
			}, "links"},
			{"no such photo", e.corr, func(in *newsroom.ProfileInput) { in.PhotoID = 987654 }, "photo"},
			{"slug by a correspondent", e.corr, func(in *newsroom.ProfileInput) { in.Slug = "corr-one" }, "slug"},
			{"slug not a slug", admin, func(in *newsroom.ProfileInput) { in.Slug = "Corr One" }, "slug"},
			{"slug taken", admin, func(in *newsroom.ProfileInput) { in.Slug = "nigar-sultanli" }, "slug"},
		}
		for _, tc := range bad {
			in := good
			tc.edit(&in)
			_, err := e.svc.SaveProfile(ctx, tc.actor, e.corr.ID, in)
			var fe *content.FieldError
			if !errors.As(err, &fe) || fe.Fields[tc.field] == "" {
				t.Errorf("%s: %v, want a message for %s", tc.name, err, tc.field)
			}
		}
		in := good
		in.Slug = "corr-one"
		if p, err = e.svc.SaveProfile(ctx, admin, e.corr.ID, in); err != nil || p.Slug != "corr-one" {
			t.Errorf("an admin changes the slug: %+v %v", p, err)
		}
		log, err := e.svc.AuditLog(ctx, admin, 5, 0)
		if err != nil || len(log) == 0 || log[0].Action != "profile" {
			t.Errorf("audit: %+v %v", log, err)
		}
	})
}
