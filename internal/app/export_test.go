package app

// HTTPServer exposes the server Serve builds, for the limit tests.
var HTTPServer = httpServer
