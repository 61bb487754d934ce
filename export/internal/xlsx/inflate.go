package xlsx

import (
	"errors"
	"io"
	"sync"
)

// inflatePipe inflates a part on its own goroutine into a few large chunks, so that
// inflating and parsing use two cores. The scanner reads the chunks in place: each has
// headroom in front, where the scanner moves the unfinished token at the end of the chunk
// before.
type inflatePipe struct {
	full chan pipeChunk
	free chan []byte
	done chan struct{}
	wg   sync.WaitGroup
	err  error // set before full is closed
}

type pipeChunk struct {
	buf []byte // headroom, then n bytes of the part
	n   int
}

var errPipeClosed = errors.New("closed")

// pipeHeadroom is the longest unfinished token the scanner carries over in place; a longer
// one is copied (see xmlScanner.morePipe).
const pipeHeadroom = 64 << 10

func startInflate(r io.Reader, size, n int) *inflatePipe {
	p := &inflatePipe{full: make(chan pipeChunk, n), free: make(chan []byte, n+1), done: make(chan struct{})}
	for range n + 1 { // one more than the queue holds: the scanner holds one
		p.free <- make([]byte, pipeHeadroom+size)
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer close(p.full)
		for {
			var buf []byte
			select {
			case buf = <-p.free:
			case <-p.done:
				p.err = errPipeClosed
				return
			}
			k, err := io.ReadFull(r, buf[pipeHeadroom:])
			if k > 0 {
				select {
				case p.full <- pipeChunk{buf, k}:
				case <-p.done:
					p.err = errPipeClosed
					return
				}
			}
			if err != nil {
				if err == io.ErrUnexpectedEOF {
					err = io.EOF
				}
				p.err = err
				return
			}
		}
	}()
	return p
}

// take returns the next chunk, or the error that ended the part (io.EOF at its end).
func (p *inflatePipe) take() (pipeChunk, error) {
	c, ok := <-p.full
	if !ok {
		return c, p.err
	}
	return c, nil
}

// give hands a chunk back for reuse.
func (p *inflatePipe) give(buf []byte) { p.free <- buf }

// close stops the inflating goroutine and waits for it.
func (p *inflatePipe) close() {
	close(p.done)
	p.wg.Wait()
}
