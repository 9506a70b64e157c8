package publatency

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// Server is one running `newsdesk serve`.
type Server struct {
	URL  string // http://127.0.0.1:PORT
	Log  string // its standard output and error
	cmd  *exec.Cmd
	done chan error
}

// StartServers starts n instances of the newsdesk binary bin on dsn, each on a free
// loopback port, with dir/media as their (shared) media directory and their logs in dir.
// They all have the first instance's URL as --base-url, as instances behind one load
// balancer do. It returns when every /readyz answers 200 (or one exits, or a minute passes).
func StartServers(ctx context.Context, bin, dsn, dir string, n int, extra ...string) ([]*Server, error) {
	var out []*Server
	ports := make([]int, n)
	for i := range ports {
		p, err := freePort()
		if err != nil {
			return nil, err
		}
		ports[i] = p
	}
	base := "http://127.0.0.1:" + strconv.Itoa(ports[0])
	for i, port := range ports {
		s := &Server{URL: "http://127.0.0.1:" + strconv.Itoa(port), Log: filepath.Join(dir, fmt.Sprintf("serve-%d.log", i+1)),
			done: make(chan error, 1)}
		f, err := os.Create(s.Log)
		if err != nil {
			StopServers(out)
			return nil, fmt.Errorf("create the server log: %w", err)
		}
		args := append([]string{"serve", "--db", dsn, "--addr", "127.0.0.1:" + strconv.Itoa(port), "--base-url", base,
			"--media", filepath.Join(dir, "media")}, extra...)
		s.cmd = exec.Command(bin, args...) // #nosec G204 -- the binary and flags the user gave
		s.cmd.Stdout, s.cmd.Stderr = f, f
		if err := s.cmd.Start(); err != nil {
			f.Close()
			StopServers(out)
			return nil, fmt.Errorf("start %s: %w", bin, err)
		}
		go func() { s.done <- s.cmd.Wait(); f.Close() }()
		out = append(out, s)
	}
	for i, s := range out {
		if err := s.waitReady(ctx, time.Minute); err != nil {
			StopServers(out)
			return nil, fmt.Errorf("instance %d: %w (see %s)", i+1, err, s.Log)
		}
	}
	return out, nil
}

func (s *Server) waitReady(ctx context.Context, limit time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); {
		select {
		case err := <-s.done:
			s.done <- err
			return fmt.Errorf("the server exited: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		resp, err := client.Get(s.URL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("/readyz did not answer 200 within %v", limit)
}

// StopServers stops the servers with SIGTERM (they finish what is in flight) and kills
// those still running after 30 seconds.
func StopServers(servers []*Server) {
	for _, s := range servers {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
	}
	for _, s := range servers {
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	}
}

// freePort is a loopback TCP port nothing listened on a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	addr, ok := l.Addr().(*net.TCPAddr)
	if !ok {
		return 0, errors.New("find a free port: not a TCP address")
	}
	return addr.Port, nil
}
