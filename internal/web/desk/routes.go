package desk

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// register lists every newsroom route with the permission that guards it. The
// authorization tests walk Routes(), so a route added here is tested automatically.
func (d *Desk) register() {
	public := func(method, pattern string, h http.HandlerFunc) {
		d.routes = append(d.routes, Route{Method: method, Pattern: pattern})
		d.mux.HandleFunc(method+" "+pattern, h)
	}
	guarded := func(method, pattern string, act account.Action, h http.HandlerFunc) {
		d.routes = append(d.routes, Route{Method: method, Pattern: pattern, Action: act})
		d.mux.HandleFunc(method+" "+pattern, d.guard(act, h))
	}
	v, a := account.ActViewNewsroom, account.Action("")
	public("GET", "/newsroom/login", d.loginPage)
	public("POST", "/newsroom/login", d.login)
	public("GET", "/newsroom/static/{file}", d.static)
	guarded("POST", "/newsroom/logout", a, d.logout)
	guarded("POST", "/newsroom/logout-everywhere", a, d.logoutEverywhere)

	guarded("GET", "/newsroom/{$}", v, d.listArticles)
	guarded("GET", "/newsroom/search", v, d.searchNewsroom)
	guarded("GET", "/newsroom/articles/new", account.ActCreateArticle, d.newArticle)
	guarded("POST", "/newsroom/articles", account.ActCreateArticle, d.createArticle)
	guarded("GET", "/newsroom/articles/{id}", v, d.editArticle)
	guarded("POST", "/newsroom/articles/{id}", v, d.saveArticle)
	guarded("POST", "/newsroom/preview", v, d.previewMarkdown)
	guarded("GET", "/newsroom/articles/{id}/preview", v, d.previewArticle)
	guarded("POST", "/newsroom/articles/{id}/submit", account.ActSubmit, d.submitArticle)
	guarded("POST", "/newsroom/articles/{id}/return", account.ActReturn, d.returnArticle)
	guarded("POST", "/newsroom/articles/{id}/publish", account.ActPublish, d.publishArticle)
	guarded("POST", "/newsroom/articles/{id}/schedule", account.ActSchedule, d.scheduleArticle)
	guarded("POST", "/newsroom/articles/{id}/correct", account.ActCorrect, d.correctArticle)
	guarded("POST", "/newsroom/articles/{id}/unpublish", account.ActUnpublish, d.unpublishArticle)
	guarded("POST", "/newsroom/articles/{id}/translate", account.ActTranslate, d.translateArticle)
	guarded("GET", "/newsroom/articles/{id}/revisions", v, d.revisions)
	guarded("GET", "/newsroom/articles/{id}/diff", v, d.diff)
	guarded("POST", "/newsroom/articles/{id}/restore", v, d.restore)

	guarded("GET", "/newsroom/briefs", v, d.listBriefs)
	guarded("POST", "/newsroom/briefs", account.ActCreateBrief, d.createBrief)
	guarded("GET", "/newsroom/briefs/{id}", v, d.editBrief)
	guarded("POST", "/newsroom/briefs/{id}", v, d.saveBrief)
	guarded("POST", "/newsroom/briefs/{id}/publish", account.ActPublishBrief, d.publishBrief)
	guarded("POST", "/newsroom/briefs/{id}/develop", account.ActCreateArticle, d.developBrief)

	guarded("GET", "/newsroom/reviews", account.ActModerate, d.listReviews)
	guarded("POST", "/newsroom/reviews", account.ActModerate, d.moderateReviews)
	guarded("POST", "/newsroom/reviews/{id}/name", account.ActModerate, d.renameReviewer)
	guarded("POST", "/newsroom/articles/{id}/reviews-closed", account.ActModerate, d.closeReviews)

	guarded("GET", "/newsroom/images", v, d.listImages)
	guarded("POST", "/newsroom/images", account.ActUploadImage, d.uploadImage)
	guarded("POST", "/newsroom/images/{id}", account.ActUploadImage, d.updateImage)

	guarded("GET", "/newsroom/tokens", account.ActOwnTokens, d.listTokens)
	guarded("POST", "/newsroom/tokens", account.ActOwnTokens, d.createToken)
	guarded("POST", "/newsroom/tokens/{id}/revoke", account.ActOwnTokens, d.revokeToken)

	guarded("GET", "/newsroom/users", account.ActManageUsers, d.listUsers)
	guarded("POST", "/newsroom/users", account.ActManageUsers, d.createUser)
	guarded("POST", "/newsroom/users/{id}", account.ActManageUsers, d.updateUser)
	guarded("GET", "/newsroom/audit", account.ActViewAudit, d.auditLog)
	guarded("GET", "/newsroom/settings", account.ActManageSite, d.settings)
	guarded("POST", "/newsroom/settings", account.ActManageSite, d.saveSettings)
	guarded("GET", "/newsroom/wire", account.ActManageSite, d.wirePage)
	guarded("GET", "/newsroom/wire/usage.csv", account.ActManageSite, d.wireUsageCSV)
	guarded("POST", "/newsroom/wire/deliveries/{id}/retry", account.ActManageSite, d.retryDelivery)
	d.mux.HandleFunc("/newsroom/", d.notFound)
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
