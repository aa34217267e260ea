# The two commands the README gives. Everything else is in scripts/.
.PHONY: run test bench

# Install what is missing, build, and serve the playground on 127.0.0.1.
run:
	scripts/run.sh

# Run every test: the crates, the differential suites, the browser tests.
test:
	scripts/test.sh

# Size of the first load and time to interactive (not a test).
# `make bench SECTIONS="latency embed"` measures only those sections.
bench:
	scripts/bench.sh $(SECTIONS)
