# Build, test, run and benchmark Chorus. `make run` and `make test` are the two commands of the README.
SUITE ?= Scenarios/customer-service
TARGET ?= Fixtures/targets/acme-v1.yaml

.PHONY: setup build release test lint test-image run bench format man image

setup:
	@scripts/setup

build: setup
	swift build

release: setup
	swift build -c release

# The end-to-end tests run the built `chorus` binary, so build it before testing. The container
# image's test is left out: it makes a release build of its own (`make test-image`). The code must
# be formatted as `make format` leaves it (swift-format, .swift-format): the lint runs first.
test: setup lint
	swift build
	swift test --skip ChorusImageTests

lint:
	swift format lint --strict --recursive Sources Tests Benchmarks Package.swift

# The container image (Containerfile): a release build, staged and built with buildah; tags
# $$CHORUS_IMAGE:<version> and :latest (default ghcr.io/acme/chorus). See the README's "Container image".
image:
	scripts/build-image

# Builds the image in a store of its own and runs the example suite from its exported filesystem
# (as root: buildah and chroot). Slow the first time: the release build takes 15+ minutes on 2 cores.
test-image: setup
	swift build
	CHORUS_TEST_IMAGE=1 swift test --filter ChorusImageTests

run: release
	.build/release/chorus run $(SUITE) --target $(TARGET)

format:
	swift format --in-place --recursive Sources Tests Benchmarks Package.swift

bench:
	scripts/bench

# docs/man/chorus.1 from chorus's help (swift-argument-parser's GenerateManual plugin); commit it.
man:
	scripts/man
