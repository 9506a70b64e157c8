package api

import (
	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/review"
)

// Route is one registered route, as Routes lists it.
type Route struct {
	Method  string // GET, POST, PUT, DELETE
	Pattern string // ServeMux path pattern, e.g. /api/v1/newsroom/articles/{id}
	Public  bool   // true: answered without a token
	// Action is what the token user's role must allow before the request body is read
	// ("" on public routes).
	Action account.Action
}

// route is one row of the route table.
type route struct {
	method, pattern string
	// act is what the user's role must allow before anything of the request is read (""
	// only on public routes); the service then decides about the item itself.
	act    account.Action
	public bool
	handle handlerFunc
}

// routeTable lists every route of the API. New registers exactly these, Routes reports
// them, and the OpenAPI test checks that openapi.go documents the same set.
func (a *API) routeTable() []route {
	const nr = "/api/v1/newsroom"
	v, m := account.ActViewNewsroom, account.ActModerate
	return []route{
		{"GET", "/api/openapi.json", "", true, a.showOpenAPI},
		{"GET", nr + "/me", v, false, a.showMe},
		{"GET", nr + "/users/{id}/profile", v, false, a.showProfile},
		{"PUT", nr + "/users/{id}/profile", v, false, a.updateProfile},

		{"GET", nr + "/articles", v, false, a.listArticles},
		{"POST", nr + "/articles", account.ActCreateArticle, false, a.createArticle},
		{"GET", nr + "/articles/{id}", v, false, a.showArticle},
		{"PUT", nr + "/articles/{id}", account.ActEditOwn, false, a.updateArticle},
		{"POST", nr + "/articles/{id}/submit", account.ActSubmit, false, a.submitArticle},
		{"POST", nr + "/articles/{id}/return", account.ActReturn, false, a.returnArticle},
		{"POST", nr + "/articles/{id}/publish", account.ActPublish, false, a.publishArticle},
		{"POST", nr + "/articles/{id}/schedule", account.ActSchedule, false, a.scheduleArticle},
		{"POST", nr + "/articles/{id}/correct", account.ActCorrect, false, a.correctArticle},
		{"POST", nr + "/articles/{id}/unpublish", account.ActUnpublish, false, a.unpublishArticle},
		{"POST", nr + "/articles/{id}/translate", account.ActTranslate, false, a.translateArticle},
		{"POST", nr + "/articles/{id}/restore", account.ActEditOwn, false, a.restoreArticle},
		{"GET", nr + "/articles/{id}/checks", v, false, a.checkArticle},
		{"GET", nr + "/articles/{id}/autosave", v, false, a.showAutosave},
		{"PUT", nr + "/articles/{id}/autosave", v, false, a.putAutosave},
		{"DELETE", nr + "/articles/{id}/autosave", v, false, a.deleteAutosave},
		{"GET", nr + "/articles/{id}/revisions", v, false, a.listRevisions},
		{"GET", nr + "/articles/{id}/revisions/{version}", v, false, a.showRevision},

		{"GET", nr + "/briefs", v, false, a.listBriefs},
		{"POST", nr + "/briefs", account.ActCreateBrief, false, a.createBrief},
		{"GET", nr + "/briefs/{id}", v, false, a.showBrief},
		{"PUT", nr + "/briefs/{id}", v, false, a.updateBrief},
		{"POST", nr + "/briefs/{id}/publish", account.ActPublishBrief, false, a.publishBrief},
		{"POST", nr + "/briefs/{id}/develop", account.ActCreateArticle, false, a.developBrief},

		{"POST", nr + "/images", account.ActUploadImage, false, a.uploadImage},
		{"GET", nr + "/images/{id}", v, false, a.showImage},
		{"PUT", nr + "/images/{id}", v, false, a.updateImage},

		{"GET", nr + "/tags", v, false, a.listTags},
		{"PUT", nr + "/tags/{id}", account.ActEditAny, false, a.renameTag},
		{"POST", nr + "/tags/{id}/translations", account.ActEditAny, false, a.linkTag},
		{"DELETE", nr + "/tags/{id}/translations", account.ActEditAny, false, a.unlinkTag},

		{"GET", nr + "/reviews", m, false, a.listReviews},
		{"POST", nr + "/reviews/bulk", m, false, a.bulkReviews},
		{"PUT", nr + "/reviews/{id}", m, false, a.renameReview},
		{"DELETE", nr + "/reviews/{id}", m, false, a.deleteReview},
		{"POST", nr + "/reviews/{id}/approve", m, false, a.moderateReview(review.StatusApproved)},
		{"POST", nr + "/reviews/{id}/reject", m, false, a.moderateReview(review.StatusRejected)},
		{"POST", nr + "/reviews/{id}/spam", m, false, a.moderateReview(review.StatusSpam)},
		{"POST", nr + "/reviews/{id}/trust", m, false, a.trustReview},
		{"POST", nr + "/articles/{id}/reviews/close", m, false, a.setReviewsClosed(true)},
		{"POST", nr + "/articles/{id}/reviews/open", m, false, a.setReviewsClosed(false)},
		{"GET", "/api/v1/articles/{id}/reviews", "", true, a.listPublicReviews},

		{"GET", nr + "/pages", account.ActManageSite, false, a.listPages},
		{"POST", nr + "/pages", account.ActManageSite, false, a.createPage},
		{"GET", nr + "/pages/{id}", account.ActManageSite, false, a.showPage},
		{"PUT", nr + "/pages/{id}", account.ActManageSite, false, a.updatePage},
		{"DELETE", nr + "/pages/{id}", account.ActManageSite, false, a.deletePage},
		{"POST", nr + "/pages/{id}/publish", account.ActManageSite, false, a.setPageStatus(true)},
		{"POST", nr + "/pages/{id}/unpublish", account.ActManageSite, false, a.setPageStatus(false)},

		{"GET", nr + "/front/{lang}", v, false, a.showFront},
		{"PUT", nr + "/front/{lang}", account.ActArrangeFront, false, a.setFront},
	}
}

// Routes lists every registered route, from the same table that registers them.
func (a *API) Routes() []Route {
	out := make([]Route, 0, len(a.routes))
	for _, rt := range a.routes {
		out = append(out, Route{Method: rt.method, Pattern: rt.pattern, Public: rt.public, Action: rt.act})
	}
	return out
}
