# Build, test, run and benchmark Chorus. `make run` and `make test` are the two commands of the README.
SUITE ?= Scenarios/customer-service
TARGET ?= Fixtures/targets/acme-v1.yaml

.PHONY: setup build release test run format

setup:
	@scripts/setup

build: setup
	swift build

release: setup
	swift build -c release

test: setup
	swift test

run: release
	.build/release/chorus run $(SUITE) --target $(TARGET)

format:
	swift format --in-place --recursive Sources Tests Package.swift
