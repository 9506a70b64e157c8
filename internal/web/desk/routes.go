package desk

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// Route is one registered newsroom route, as Routes lists it.
type Route struct {
	Method, Pattern string
	// Public is true for the routes served without a session (the sign-in page, static
	// files).
	Public bool
	// Action is what the user's role must allow ("" on public routes, and on guarded
	// routes that need only a session).
	Action account.Action
}

// route is one row of the route table.
type route struct {
	method, pattern string
	// act is what the user's role must allow before the handler runs; "" on a guarded
	// route needs only a session.
	act account.Action
	// public routes are served without a session or a CSRF check (the sign-in page,
	// static files).
	public bool
	handle http.HandlerFunc
}

// routeTable lists every newsroom route with the permission that guards it. New registers
// exactly these and Routes reports them; the authorization tests walk Routes(), so a route
// added here is tested automatically.
func (d *Desk) routeTable() []route {
	v, m := account.ActViewNewsroom, account.ActModerate
	return []route{
		{"GET", "/newsroom/login", "", true, d.loginPage},
		{"POST", "/newsroom/login", "", true, d.login},
		{"GET", "/newsroom/static/{file}", "", true, d.static},
		{"POST", "/newsroom/logout", "", false, d.logout},
		{"POST", "/newsroom/logout-everywhere", "", false, d.logoutEverywhere},
		{"GET", "/newsroom/me", "", false, d.mySettings},
		{"POST", "/newsroom/me", "", false, d.saveMySettings},
		{"GET", "/newsroom/profile", v, false, d.myProfile},
		{"POST", "/newsroom/profile", v, false, d.saveMyProfile},

		{"GET", "/newsroom/{$}", v, false, d.dashboard},
		{"GET", "/newsroom/dashboard", v, false, d.dashboardPanels},
		{"GET", "/newsroom/events", v, false, d.events},
		{"GET", "/newsroom/stories", v, false, d.listArticles},
		{"GET", "/newsroom/search", v, false, d.searchNewsroom},
		{"GET", "/newsroom/articles/new", account.ActCreateArticle, false, d.newArticle},
		{"POST", "/newsroom/articles", account.ActCreateArticle, false, d.createArticle},
		{"GET", "/newsroom/articles/{id}", v, false, d.editArticle},
		{"POST", "/newsroom/articles/{id}", v, false, d.saveArticle},
		{"POST", "/newsroom/preview", v, false, d.previewMarkdown},
		{"POST", "/newsroom/checks", v, false, d.liveChecks},
		{"GET", "/newsroom/articles/{id}/preview", v, false, d.previewArticle},
		{"POST", "/newsroom/articles/{id}/submit", account.ActSubmit, false, d.submitArticle},
		{"POST", "/newsroom/articles/{id}/return", account.ActReturn, false, d.returnArticle},
		{"POST", "/newsroom/articles/{id}/publish", account.ActPublish, false, d.publishArticle},
		{"POST", "/newsroom/articles/{id}/schedule", account.ActSchedule, false, d.scheduleArticle},
		{"POST", "/newsroom/articles/{id}/correct", account.ActCorrect, false, d.correctArticle},
		{"POST", "/newsroom/articles/{id}/unpublish", account.ActUnpublish, false, d.unpublishArticle},
		{"POST", "/newsroom/articles/{id}/translate", account.ActTranslate, false, d.translateArticle},
		{"GET", "/newsroom/articles/{id}/revisions", v, false, d.revisions},
		{"GET", "/newsroom/articles/{id}/diff", v, false, d.diff},
		{"POST", "/newsroom/articles/{id}/restore", v, false, d.restore},
		{"POST", "/newsroom/articles/{id}/presence", v, false, d.presence},
		{"POST", "/newsroom/articles/{id}/autosave", v, false, d.autosave},
		{"POST", "/newsroom/articles/{id}/autosave/discard", v, false, d.discardAutosave},

		{"GET", "/newsroom/notifications", v, false, d.notificationsPage},
		{"POST", "/newsroom/notifications/read", v, false, d.readNotifications},
		{"POST", "/newsroom/notifications/prefs", v, false, d.saveNotificationPrefs},

		{"GET", "/newsroom/briefs", v, false, d.listBriefs},
		{"POST", "/newsroom/briefs", account.ActCreateBrief, false, d.createBrief},
		{"GET", "/newsroom/briefs/{id}", v, false, d.editBrief},
		{"POST", "/newsroom/briefs/{id}", v, false, d.saveBrief},
		{"POST", "/newsroom/briefs/{id}/publish", account.ActPublishBrief, false, d.publishBrief},
		{"POST", "/newsroom/briefs/{id}/develop", account.ActCreateArticle, false, d.developBrief},

		{"GET", "/newsroom/reviews", m, false, d.listReviews},
		{"POST", "/newsroom/reviews", m, false, d.moderateReviews},
		{"POST", "/newsroom/reviews/{id}/name", m, false, d.renameReviewer},
		{"POST", "/newsroom/articles/{id}/reviews-closed", m, false, d.closeReviews},

		{"GET", "/newsroom/front", account.ActArrangeFront, false, d.frontIndex},
		{"GET", "/newsroom/front/{lang}", account.ActArrangeFront, false, d.frontPage},
		{"POST", "/newsroom/front/{lang}", account.ActArrangeFront, false, d.saveFront},

		{"GET", "/newsroom/images", v, false, d.listImages},
		{"POST", "/newsroom/images", account.ActUploadImage, false, d.uploadImage},
		{"POST", "/newsroom/images/{id}", account.ActUploadImage, false, d.updateImage},

		{"GET", "/newsroom/tags", v, false, d.listTags},
		{"POST", "/newsroom/tags/{id}/link", account.ActEditAny, false, d.linkTag},
		{"POST", "/newsroom/tags/{id}/unlink", account.ActEditAny, false, d.unlinkTag},
		{"POST", "/newsroom/tags/{id}/rename", account.ActEditAny, false, d.renameTag},

		{"GET", "/newsroom/tokens", account.ActOwnTokens, false, d.listTokens},
		{"POST", "/newsroom/tokens", account.ActOwnTokens, false, d.createToken},
		{"POST", "/newsroom/tokens/{id}/revoke", account.ActOwnTokens, false, d.revokeToken},

		{"GET", "/newsroom/users", account.ActManageUsers, false, d.listUsers},
		{"POST", "/newsroom/users", account.ActManageUsers, false, d.createUser},
		{"POST", "/newsroom/users/{id}", account.ActManageUsers, false, d.updateUser},
		{"GET", "/newsroom/users/{id}/profile", account.ActManageUsers, false, d.userProfile},
		{"POST", "/newsroom/users/{id}/profile", account.ActManageUsers, false, d.saveUserProfile},
		{"GET", "/newsroom/audit", account.ActViewAudit, false, d.auditLog},
		{"GET", "/newsroom/settings", account.ActManageSite, false, d.settings},
		{"POST", "/newsroom/settings", account.ActManageSite, false, d.saveSettings},
		{"GET", "/newsroom/settings/brand", account.ActManageSite, false, d.brandPage},
		{"POST", "/newsroom/settings/brand", account.ActManageSite, false, d.saveBrand},
		{"GET", "/newsroom/pages", account.ActManageSite, false, d.listPages},
		{"GET", "/newsroom/pages/new", account.ActManageSite, false, d.newPage},
		{"POST", "/newsroom/pages", account.ActManageSite, false, d.createPage},
		{"GET", "/newsroom/pages/{id}", account.ActManageSite, false, d.editPage},
		{"POST", "/newsroom/pages/{id}", account.ActManageSite, false, d.savePage},
		{"POST", "/newsroom/pages/{id}/publish", account.ActManageSite, false, d.publishPage},
		{"POST", "/newsroom/pages/{id}/unpublish", account.ActManageSite, false, d.unpublishPage},
		{"POST", "/newsroom/pages/{id}/delete", account.ActManageSite, false, d.deletePage},
		{"GET", "/newsroom/wire", account.ActManageSite, false, d.wirePage},
		{"GET", "/newsroom/wire/usage.csv", account.ActManageSite, false, d.wireUsageCSV},
		{"POST", "/newsroom/wire/deliveries/{id}/retry", account.ActManageSite, false, d.retryDelivery},
	}
}

// register adds every row of the route table to the newsroom's ServeMux, guarded unless
// public, and a not-found page for the rest of /newsroom/.
func (d *Desk) register() {
	d.routes = d.routeTable()
	for _, rt := range d.routes {
		h := rt.handle
		if !rt.public {
			h = d.guard(rt.act, h)
		}
		d.mux.HandleFunc(rt.method+" "+rt.pattern, h)
	}
	d.mux.HandleFunc("/newsroom/", d.notFound)
}

// Routes lists every newsroom route with the permission that guards it.
func (d *Desk) Routes() []Route {
	out := make([]Route, 0, len(d.routes))
	for _, rt := range d.routes {
		out = append(out, Route{Method: rt.method, Pattern: rt.pattern, Public: rt.public, Action: rt.act})
	}
	return out
}

func (d *Desk) static(w http.ResponseWriter, r *http.Request) {
	a, ok := d.assets[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(a.body)
}
