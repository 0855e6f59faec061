# Build, test, run and benchmark Chorus. `make run` and `make test` are the two commands of the README.
SUITE ?= Scenarios/customer-service
TARGET ?= Fixtures/targets/acme-v1.yaml

.PHONY: setup build release test run bench format man image

setup:
	@scripts/setup

build: setup
	swift build

release: setup
	swift build -c release

# The end-to-end tests run the built `chorus` binary, so build it before testing.
test: setup
	swift build
	swift test

run: release
	.build/release/chorus run $(SUITE) --target $(TARGET)

format:
	swift format --in-place --recursive Sources Tests Package.swift

bench:
	scripts/bench

# docs/man/chorus.1 from chorus's help (swift-argument-parser's GenerateManual plugin); commit it.
man:
	scripts/man
