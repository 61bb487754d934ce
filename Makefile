# hubinvoice: `make demo` renders a sample invoice, `make test` runs every check CI runs.
GO       ?= go
BIN      := bin/hubinvoice
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS  := -s -w -X main.buildVersion=$(VERSION)
# Demo and tests are pinned to one clock so that their output is reproducible.
export SOURCE_DATE_EPOCH ?= 1712275200

.PHONY: all build demo docs test tools lint bench fuzz clean

all: build

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/hubinvoice

demo: build
	@mkdir -p out
	./$(BIN) invoice testdata/demo/payments-2024-03.xlsx --config testdata/demo/profile.toml \
		--month 2024-03 --issue-date 2024-04-02 -o out/demo-invoice.pdf --force \
		--register out/register.db
	@echo "wrote out/demo-invoice.pdf"

# The reference pages, generated from the commands: docs/man/*.1 (man -l) and docs/md/*.md.
docs:
	$(GO) run -trimpath -ldflags '$(LDFLAGS)' ./cmd/hubinvoice docs --dir docs

# Tests that read PDFs back need pdftotext and qpdf; install them when missing (Debian/Ubuntu).
tools:
	@command -v pdftotext >/dev/null && command -v qpdf >/dev/null || { \
		echo "installing poppler-utils and qpdf"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq poppler-utils qpdf >/dev/null; }

test: tools
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint: test
	$(STATICCHECK) ./...

# Go benchmarks, then the whole batch on a clinic's export (2,000 professionals): 100k rows as
# .csv and .xlsx and 1M rows as .xlsx, each batch into a new directory, against the floors on
# the same files (encoding/csv; unzip -p of the sheet and its shared strings; writing as many
# files of the PDFs' mean size), medians of BENCH_RUNS pairs; and one invoice of a 100-row
# export. The exports are made once with `hubinvoice sample` and kept in bench/.
# BENCH_SIZES=100000 for a quicker run.
BENCH_SIZES ?= 100000,1000000
BENCH_RUNS  ?= 5
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./cmd/hubbench -dir bench -sizes $(BENCH_SIZES) -runs $(BENCH_RUNS)

# A fuzzing pass over every parser of outside input, FUZZTIME per fuzzer (FUZZTIME=2m or more
# makes it a campaign). Each fuzzer feeds its parser directly, with small seeds; a new input is
# shrunk for at most FUZZMINIMIZE (a crash's too), so that the time goes to executing inputs.
FUZZTIME ?= 20s
FUZZMINIMIZE ?= 1s
fuzz:
	@for pkg in ./export/ ./export/internal/xlsx/ ./invoice/ ./invoice/ubl/; do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep ^Fuzz); do \
			echo "$$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $$pkg || exit 1; \
		done; done

clean:
	rm -rf bin out docs/man docs/md
