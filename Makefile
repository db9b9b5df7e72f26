# Gleaner: build, test, run and install. `make run` and `make test` work on a fresh
# Debian/Ubuntu machine with Swift installed; both install missing system packages first.

PREFIX      ?= /usr/local
DESTDIR     ?=
SWIFT       ?= swift
BINDIR      := $(PREFIX)/bin
# systemd searches $(PREFIX)/lib/{systemd/system,sysusers.d,tmpfiles.d} for PREFIX=/usr/local
# and /usr, so package-style paths work without touching /etc/systemd.
UNITDIR     ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
# The configuration lives in /etc whatever the PREFIX: that is gleanerd's default --config.
CONFDIR     ?= /etc/gleaner

# System libraries the C targets link (docs/dependencies.md says why each).
DEB_PACKAGES := libcurl4-openssl-dev libxml2-dev zlib1g-dev pkg-config
# What only the tests use: an HTTP/2 server over TLS (nghttpd) and openssl(1) for its certificate.
TEST_DEB_PACKAGES := nghttp2-server openssl

.PHONY: all deps test-deps build run test install clean

all: build

# Installs only the packages that are missing; apt-get update runs once, and only then. For the
# tests' own tools a failed install is not fatal: the suites that need them skip and say why.
deps: PACKAGES = $(DEB_PACKAGES)
test-deps: PACKAGES = $(DEB_PACKAGES) $(TEST_DEB_PACKAGES)
deps test-deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "make deps: '$(SWIFT)' not found: install Swift 6 first (https://www.swift.org/install/)" >&2; exit 1; }
	@command -v dpkg >/dev/null 2>&1 || { echo "make deps: no dpkg: install $(PACKAGES) (or their equivalents) by hand" >&2; exit 0; }
	@missing=""; \
	for package in $(PACKAGES); do \
	  dpkg -s $$package 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  echo "make deps: installing$$missing"; \
	  $$sudo apt-get update && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing || \
	  { echo "make $@: could not install$$missing" >&2; [ "$@" = test-deps ]; }; \
	fi

build: deps
	$(SWIFT) build

# Foreground run on the sample configuration; state lives in var/ (kept out of git).
run: build
	mkdir -p var/inbox var/lib/gleaner var/run
	.build/debug/gleanerd --config etc/gleaner/gleaner.yaml

# Builds every product first: the integration tests start the real binaries from .build/debug.
# One test at a time: on two cores, tests that block their thread (the integration tests'
# daemons, the corpus harnesses) left the concurrency pool no thread to resume the timing
# tests on, and a 1 s timeout measured 11 s. Serial, the whole run takes about a minute.
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

# Release build with the Swift runtime linked in, so the binaries do not depend on where the
# toolchain is installed. An existing configuration is never overwritten.
install:
	$(SWIFT) build -c release --static-swift-stdlib --product gleanerd
	$(SWIFT) build -c release --static-swift-stdlib --product gleanerctl
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(CONFDIR)
	install -m 0755 .build/release/gleanerd .build/release/gleanerctl $(DESTDIR)$(BINDIR)/
	sed 's|/usr/local/bin/gleanerd|$(BINDIR)/gleanerd|g' systemd/gleanerd.service > $(DESTDIR)$(UNITDIR)/gleanerd.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/gleanerd.service
	install -m 0644 systemd/gleaner.sysusers $(DESTDIR)$(SYSUSERSDIR)/gleaner.conf
	install -m 0644 systemd/gleaner.tmpfiles $(DESTDIR)$(TMPFILESDIR)/gleaner.conf
	@if [ -e $(DESTDIR)$(CONFDIR)/gleaner.yaml ]; then \
	  echo "keeping existing $(DESTDIR)$(CONFDIR)/gleaner.yaml"; \
	else \
	  sed -e '1i # Installed by make install from etc/gleaner/gleaner.yaml, with system paths.' \
	      -e 's|^  path: \.\./\.\./var/inbox$$|  path: /var/lib/gleaner/inbox|' \
	      -e 's|^  path: \.\./\.\./var/lib/gleaner$$|  path: /var/lib/gleaner/store|' \
	      -e 's|^  socket: \.\./\.\./var/run/gleanerd\.sock$$|  socket: /run/gleaner/gleanerd.sock|' \
	      etc/gleaner/gleaner.yaml > $(DESTDIR)$(CONFDIR)/gleaner.yaml && \
	  chmod 0644 $(DESTDIR)$(CONFDIR)/gleaner.yaml && \
	  echo "wrote $(DESTDIR)$(CONFDIR)/gleaner.yaml"; \
	fi
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
	  systemd-sysusers $(SYSUSERSDIR)/gleaner.conf && \
	  systemd-tmpfiles --create $(TMPFILESDIR)/gleaner.conf && \
	  systemctl daemon-reload && \
	  echo "installed; start with: systemctl enable --now gleanerd"; \
	else \
	  echo "installed into $(DESTDIR)$(PREFIX); on the target run: systemd-sysusers; systemd-tmpfiles --create; systemctl daemon-reload; systemctl enable --now gleanerd"; \
	fi

# Benchmarks against named peers (docs/benchmarks.md); never part of `make test`. Release
# builds; the feedparser peer goes into a virtualenv under .build when the system Python lacks it.
BENCH       := .build/release/gleaner-bench
BENCH_VENV  := .build/bench-venv
BENCH_FEEDS ?= 1000
BENCH_CONCURRENCY ?= 32
BENCH_ROUNDS ?= 5

.PHONY: bench bench-build bench-fetch bench-feeds bench-extraction bench-dedup bench-scale

bench: bench-fetch bench-feeds bench-extraction bench-dedup bench-scale

bench-build: deps
	$(SWIFT) build -c release --product gleaner-bench

# (a) 1,000 feeds, Gleaner's transport against curl --parallel, then (b) the 304 cycle, then the
# full gleanerd cycle. Needs curl 7.66 or later on PATH.
bench-fetch: bench-build
	$(SWIFT) build -c release --product gleanerd
	$(SWIFT) build -c release --product gleanerctl
	$(BENCH) fetch-cycle --feeds $(BENCH_FEEDS) --concurrency $(BENCH_CONCURRENCY) --rounds $(BENCH_ROUNDS) \
	  --gleanerd .build/release/gleanerd --gleanerctl .build/release/gleanerctl

# (c) FeedReader against Python feedparser on the same files.
bench-feeds: bench-build
	@if python3 -c 'import feedparser' 2>/dev/null; then \
	  echo "using the system python3's feedparser"; \
	elif [ ! -x $(BENCH_VENV)/bin/python ] || ! $(BENCH_VENV)/bin/python -c 'import feedparser' 2>/dev/null; then \
	  python3 -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install --quiet feedparser; \
	fi
	@if python3 -c 'import feedparser' 2>/dev/null; then python=python3; else python=$(BENCH_VENV)/bin/python; fi; \
	$(BENCH) feeds --python $$python

# (issue 4) Article extraction against trafilatura on trafilatura-eval and Readability's pages.
bench-extraction: bench-build
	@if [ ! -x $(BENCH_VENV)/bin/python ] || ! $(BENCH_VENV)/bin/python -c 'import trafilatura' 2>/dev/null; then \
	  { [ -x $(BENCH_VENV)/bin/python ] || python3 -m venv $(BENCH_VENV); } && \
	  $(BENCH_VENV)/bin/pip install --quiet trafilatura lxml_html_clean; \
	fi
	$(BENCH) extraction --python $(BENCH_VENV)/bin/python --fast

# (issue 5) Identity and dedup against datasketch MinHashLSH on renderings of the corpus pages.
bench-dedup: bench-build
	@if [ ! -x $(BENCH_VENV)/bin/python ] || ! $(BENCH_VENV)/bin/python -c 'import datasketch' 2>/dev/null; then \
	  { [ -x $(BENCH_VENV)/bin/python ] || python3 -m venv $(BENCH_VENV); } && \
	  $(BENCH_VENV)/bin/pip install --quiet datasketch; \
	fi
	$(BENCH) dedup --python $(BENCH_VENV)/bin/python

# (issue 5) Restart time, time per new article and memory at growing store sizes.
BENCH_SCALE_SIZES ?= 10000,100000
bench-scale: bench-build
	$(BENCH) scale --sizes $(BENCH_SCALE_SIZES)

clean:
	rm -rf .build
