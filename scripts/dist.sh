#!/usr/bin/env bash
# Builds what an office installs, into target/dist/:
#
#   bayu-VERSION-x86_64-linux-glibc2.17.tar.gz
#       the binary, linked against glibc 2.17 so that it runs on CentOS 7,
#       麒麟 V10, UOS 20 and anything newer; its man page and completions;
#       the deployment guides, README, LICENSE and a SHA-256 list.
#   bayu-VERSION-src-vendored.tar.gz
#       the source with every crate it needs (cargo vendor) and the
#       .cargo/config.toml that uses them, to build on a server without
#       internet: cargo build --release --offline --frozen.
#
# Usage: scripts/dist.sh [all|binary|source]     (default: all)
#
# The binary is linked by zig through cargo-zigbuild; both are installed by
# this script into target/dist-tools (zig from the `ziglang` package of the
# Python package index, cargo-zigbuild from crates.io), never into the
# system, and `cargo test` never needs them. Needs: the Rust toolchain,
# python3 with pip, tar, sha256sum, and objdump or readelf (binutils).
#
# Checks made before it says "ok": the highest GLIBC symbol version the
# binary needs is at most 2.17; the unpacked tarball's SHA-256 list holds
# and its `bayu --version` runs; the unpacked source tarball builds with
# --offline --frozen, an empty CARGO_HOME and (where `unshare -n` works, as
# root) no network at all. BAYU_DIST_SKIP_OFFLINE_BUILD=1 skips that last
# build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

WHAT=${1:-all}
case "$WHAT" in
all | binary | source) ;;
*)
	echo "usage: scripts/dist.sh [all|binary|source]" >&2
	exit 2
	;;
esac

TARGET=x86_64-unknown-linux-gnu
GLIBC=2.17
ZIGLANG_VERSION=0.14.1
ZIGBUILD_VERSION=0.24.1
OUT=$ROOT/target/dist
TOOLS=$ROOT/target/dist-tools
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
started=$SECONDS

say() { printf 'dist: %s\n' "$*"; }
fail() {
	printf 'dist: FAILED: %s\n' "$*" >&2
	exit 1
}

mkdir -p "$OUT" "$TOOLS"

# The highest GLIBC_x.y version named by the binary's dynamic symbols.
max_glibc() {
	local tool
	if command -v objdump >/dev/null; then
		tool=(objdump -T "$1")
	elif command -v readelf >/dev/null; then
		tool=(readelf -W --dyn-syms "$1")
	else
		fail "neither objdump nor readelf is installed (apt-get install binutils)"
	fi
	"${tool[@]}" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1
}

install_tools() {
	if [ ! -x "$TOOLS/py/ziglang/zig" ]; then
		say "installing zig (ziglang $ZIGLANG_VERSION) into $TOOLS/py"
		python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
			--target "$TOOLS/py" "ziglang==$ZIGLANG_VERSION"
	fi
	if [ ! -x "$TOOLS/cargo/bin/cargo-zigbuild" ]; then
		say "installing cargo-zigbuild $ZIGBUILD_VERSION into $TOOLS/cargo"
		cargo install --quiet --locked --root "$TOOLS/cargo" \
			cargo-zigbuild --version "$ZIGBUILD_VERSION"
	fi
	export PATH="$TOOLS/py/ziglang:$TOOLS/cargo/bin:$PATH"
	zig version >/dev/null || fail "zig does not run"
}

build_binary() {
	install_tools
	say "building bayu $VERSION for $TARGET with glibc $GLIBC"
	cargo zigbuild --release --locked --target "$TARGET.$GLIBC"
	local bin=$ROOT/target/$TARGET/release/bayu
	[ -x "$bin" ] || fail "no binary at $bin"

	local need
	need=$(max_glibc "$bin")
	[ -n "$need" ] || fail "found no GLIBC symbol versions in $bin"
	if [ "$(printf '%s\n%s\n' "$need" "$GLIBC" | sort -V | tail -n 1)" != "$GLIBC" ]; then
		fail "the binary needs GLIBC_$need, more than $GLIBC"
	fi
	say "the binary needs GLIBC_$need at most (limit $GLIBC)"

	local name=bayu-$VERSION-x86_64-linux-glibc$GLIBC
	local stage=$OUT/$name
	rm -rf "$stage"
	mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/share/bash-completion/completions" \
		"$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d" "$stage/doc"
	cp "$bin" "$stage/bin/bayu"
	strip "$stage/bin/bayu" 2>/dev/null || true
	"$stage/bin/bayu" man >"$stage/share/man/man1/bayu.1"
	"$stage/bin/bayu" completions bash >"$stage/share/bash-completion/completions/bayu"
	"$stage/bin/bayu" completions zsh >"$stage/share/zsh/site-functions/_bayu"
	"$stage/bin/bayu" completions fish >"$stage/share/fish/vendor_completions.d/bayu.fish"
	cp docs/zh/部署.md "$stage/doc/部署.md"
	cp docs/deploy.md "$stage/doc/deploy.md"
	cp README.md LICENSE "$stage/"
	(cd "$stage" && find . -type f -printf '%P\n' | LC_ALL=C sort |
		xargs -d '\n' sha256sum) >"$OUT/$name.sums"
	mv "$OUT/$name.sums" "$stage/SHA256SUMS"
	tar -C "$OUT" -czf "$OUT/$name.tar.gz" "$name"
	(cd "$OUT" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")

	# What an office gets: unpack elsewhere, verify, run.
	local check
	check=$(mktemp -d)
	tar -C "$check" -xzf "$OUT/$name.tar.gz"
	(cd "$check/$name" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match"
	local line
	line=$("$check/$name/bin/bayu" --version) || fail "bin/bayu --version failed"
	rm -rf "$check"
	say "unpacked tarball runs: $line"
	say "$OUT/$name.tar.gz: $(du -h "$OUT/$name.tar.gz" | cut -f1)" \
		"($(stat -c %s "$OUT/$name.tar.gz") bytes; binary $(stat -c %s "$stage/bin/bayu") bytes)"
}

build_source() {
	local name=bayu-$VERSION-src-vendored
	local stage=$OUT/$name
	rm -rf "$stage"
	mkdir -p "$stage"
	say "source of commit $(git rev-parse --short HEAD) with vendored crates"
	git archive --format=tar HEAD | tar -C "$stage" -xf -
	# `cargo vendor` prints the configuration that uses the vendored crates;
	# it goes after the project's own settings.
	mkdir -p "$stage/.cargo"
	printf '\n# The crates in vendor/, for building without network access.\n' >>"$stage/.cargo/config.toml"
	(cd "$stage" && cargo vendor --locked --versioned-dirs vendor >>.cargo/config.toml)
	grep -q 'vendored-sources' "$stage/.cargo/config.toml" || fail "cargo vendor wrote no configuration"
	tar -C "$OUT" -czf "$OUT/$name.tar.gz" "$name"
	(cd "$OUT" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
	say "$OUT/$name.tar.gz: $(du -h "$OUT/$name.tar.gz" | cut -f1)"

	if [ "${BAYU_DIST_SKIP_OFFLINE_BUILD:-}" = 1 ]; then
		say "offline build skipped (BAYU_DIST_SKIP_OFFLINE_BUILD=1)"
		return
	fi
	# Build it as an intranet server would: unpacked in a new place, an
	# empty cargo home (no registry cache), offline, from the lock file.
	local check
	check=$(mktemp -d)
	tar -C "$check" -xzf "$OUT/$name.tar.gz"
	mkdir "$check/cargo-home"
	local cargo rustc
	cargo=$(rustup which cargo 2>/dev/null || command -v cargo)
	rustc=$(rustup which rustc 2>/dev/null || command -v rustc)
	local cmd=(env CARGO_HOME="$check/cargo-home" RUSTC="$rustc" "$cargo" build --release --offline --frozen)
	local isolation="offline, empty CARGO_HOME"
	if unshare -n true 2>/dev/null; then
		cmd=(unshare -n "${cmd[@]}")
		isolation="$isolation, no network (unshare -n)"
	fi
	say "building the source tarball: ${isolation}"
	local t0=$SECONDS
	(cd "$check/$name" && "${cmd[@]}") || fail "the vendored source did not build offline"
	local line
	line=$("$check/$name/target/release/bayu" --version)
	say "offline build ok in $((SECONDS - t0)) s: $line"
	rm -rf "$check"
}

case "$WHAT" in
all)
	build_binary
	build_source
	;;
binary) build_binary ;;
source) build_source ;;
esac
say "ok in $((SECONDS - started)) s; files in $OUT"
