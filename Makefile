# polymon — the two commands are `make run` and `make test`.
BUILD ?= build
PKG_BUILD ?= build-package
JOBS  ?= $(shell nproc)
DEBS  := build-essential cmake pkg-config qt6-base-dev qt6-websockets-dev \
         qt6-charts-dev libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins \
         libgl-dev libsimdjson-dev libsecp256k1-dev libcrypto++-dev \
         qt6-httpserver-dev qtkeychain-qt6-dev qt6-multimedia-dev \
         gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav \
         postgresql-15 libqt6sql6-psql
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ARGS  ?=

.PHONY: all deps build run test bench soak fuzz package check-baseline clean

all: build

# Installs the Debian packages that are missing; quiet when all are present.
deps:
	@missing=$$(for p in $(DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# Live Polymarket; falls back to the SIMULATED exchange when unreachable.
run: build
	$(BUILD)/app/polymon $(ARGS)

test: build
	cd $(BUILD) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS) --timeout 600
	@# Say what was skipped (the conformance corpus when it is not beside the checkout).
	@grep -h '^SKIP ' $(BUILD)/Testing/Temporary/LastTest.log | sed 's/^SKIP *: */skipped: /' | sort -u || true

bench: build
	QT_QPA_PLATFORM=offscreen tools/run-benchmarks.sh $(BUILD)

# The desktop under load for SOAK_SECONDS (1800 by default): RSS and the
# database queue each minute on stderr, the summary table at the end.
soak: build
	QT_QPA_PLATFORM=offscreen $(BUILD)/tests/bench/bench_gui $(or $(SOAK_SECONDS),1800) 100 5000

# libFuzzer on the frame parser (clang); FUZZ_SECONDS=300 by default.
fuzz: deps
	tools/run-fuzz.sh $(or $(FUZZ_SECONDS),300)

# DEB and TGZ in $(PKG_BUILD)/ for any x86-64: the baseline instruction set,
# no -march (the DEB installs /usr/bin/polymon and polymon-cli).
package: deps
	cmake -S . -B $(PKG_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOLYMON_MARCH= -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON
	cmake --build $(PKG_BUILD) -j $(JOBS) --target polymon polymon-cli polymon-cli-full
	cd $(PKG_BUILD) && cpack

# The packaged polymon-cli on an emulated Nehalem (qemu-user) gives exactly
# the developer build's tops and signals.
check-baseline: build
	@dpkg-query -W -f='$${Status}\n' qemu-user 2>/dev/null | grep -q 'install ok installed' || \
	  { $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q qemu-user; }
	cmake -S . -B $(PKG_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOLYMON_MARCH= -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON
	cmake --build $(PKG_BUILD) -j $(JOBS) --target polymon-cli polymon-cli-full
	tools/check-baseline.sh $(BUILD) $(PKG_BUILD)

clean:
	rm -rf $(BUILD) $(PKG_BUILD)
