// Command bare is the ceiling of a Go HTTP stack for bench/load/run: it answers every request
// with the bytes of one file, read into memory at start, through plain net/http.
//
//	bare 127.0.0.1:9000 page.html
package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: bare ADDR FILE")
	}
	page, err := os.ReadFile(os.Args[2]) // #nosec G703 -- a benchmark tool reading the file its operator names
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.ListenAndServe(os.Args[1], http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { // #nosec G114 -- a benchmark baseline server on a local address, timeouts would skew it
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page) // #nosec G705 -- a fixed page read at start, served as HTML on purpose
	})))
}
