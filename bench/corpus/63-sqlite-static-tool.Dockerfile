# syntax=docker/dockerfile:1
FROM alpine:3.20 AS build
RUN apk add --no-cache build-base curl
ARG SQLITE_YEAR=2024
ARG SQLITE_VERSION=3460000
WORKDIR /src
RUN curl -fsSL "https://www.sqlite.org/${SQLITE_YEAR}/sqlite-autoconf-${SQLITE_VERSION}.tar.gz" | tar -xz --strip-components=1
RUN <<EOF
set -e
CFLAGS="-Os -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_JSON1 -DSQLITE_ENABLE_RTREE" \
  ./configure --enable-static --disable-shared LDFLAGS="-static"
make -j"$(nproc)"
strip sqlite3
./sqlite3 :memory: "select sqlite_version();"
EOF

FROM scratch
COPY --from=build /src/sqlite3 /sqlite3
WORKDIR /data
ENTRYPOINT ["/sqlite3"]
