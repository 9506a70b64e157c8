package api

import "github.com/newsdesk/newsdesk/internal/review"

// route is one row of the route table.
type route struct {
	method, pattern string
	public          bool
	handle          handlerFunc
}

// routeTable lists every route of the API. New registers exactly these, Routes reports
// them, and the OpenAPI test checks that openapi.go documents the same set.
func (a *API) routeTable() []route {
	const nr = "/api/v1/newsroom"
	return []route{
		{"GET", "/api/openapi.json", true, a.showOpenAPI},
		{"GET", nr + "/me", false, a.showMe},

		{"GET", nr + "/articles", false, a.listArticles},
		{"POST", nr + "/articles", false, a.createArticle},
		{"GET", nr + "/articles/{id}", false, a.showArticle},
		{"PUT", nr + "/articles/{id}", false, a.updateArticle},
		{"POST", nr + "/articles/{id}/submit", false, a.submitArticle},
		{"POST", nr + "/articles/{id}/return", false, a.returnArticle},
		{"POST", nr + "/articles/{id}/publish", false, a.publishArticle},
		{"POST", nr + "/articles/{id}/schedule", false, a.scheduleArticle},
		{"POST", nr + "/articles/{id}/correct", false, a.correctArticle},
		{"POST", nr + "/articles/{id}/unpublish", false, a.unpublishArticle},
		{"POST", nr + "/articles/{id}/translate", false, a.translateArticle},
		{"POST", nr + "/articles/{id}/restore", false, a.restoreArticle},
		{"GET", nr + "/articles/{id}/revisions", false, a.listRevisions},
		{"GET", nr + "/articles/{id}/revisions/{version}", false, a.showRevision},

		{"GET", nr + "/briefs", false, a.listBriefs},
		{"POST", nr + "/briefs", false, a.createBrief},
		{"GET", nr + "/briefs/{id}", false, a.showBrief},
		{"PUT", nr + "/briefs/{id}", false, a.updateBrief},
		{"POST", nr + "/briefs/{id}/publish", false, a.publishBrief},
		{"POST", nr + "/briefs/{id}/develop", false, a.developBrief},

		{"POST", nr + "/images", false, a.uploadImage},
		{"GET", nr + "/images/{id}", false, a.showImage},

		{"GET", nr + "/reviews", false, a.listReviews},
		{"POST", nr + "/reviews/bulk", false, a.bulkReviews},
		{"PUT", nr + "/reviews/{id}", false, a.renameReview},
		{"DELETE", nr + "/reviews/{id}", false, a.deleteReview},
		{"POST", nr + "/reviews/{id}/approve", false, a.moderateReview(review.StatusApproved)},
		{"POST", nr + "/reviews/{id}/reject", false, a.moderateReview(review.StatusRejected)},
		{"POST", nr + "/reviews/{id}/spam", false, a.moderateReview(review.StatusSpam)},
		{"POST", nr + "/reviews/{id}/trust", false, a.trustReview},
		{"POST", nr + "/articles/{id}/reviews/close", false, a.setReviewsClosed(true)},
		{"POST", nr + "/articles/{id}/reviews/open", false, a.setReviewsClosed(false)},
		{"GET", "/api/v1/articles/{id}/reviews", true, a.listPublicReviews},
	}
}
