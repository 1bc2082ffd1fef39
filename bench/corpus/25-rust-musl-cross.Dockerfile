# syntax=docker/dockerfile:1
FROM --platform=$BUILDPLATFORM rust:1.79-alpine AS chef
RUN apk add --no-cache musl-dev clang lld
RUN cargo install cargo-chef --locked --version 0.1.67
WORKDIR /build

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS cook
ARG TARGETARCH
# Map Docker's architecture names onto Rust target triples.
RUN case "$TARGETARCH" in \
      amd64) echo x86_64-unknown-linux-musl > /target ;; \
      arm64) echo aarch64-unknown-linux-musl > /target ;; \
      *) echo "unsupported architecture $TARGETARCH" >&2; exit 1 ;; \
    esac \
 && rustup target add "$(cat /target)"
COPY --from=planner /build/recipe.json recipe.json
RUN cargo chef cook --release --target "$(cat /target)" --recipe-path recipe.json
COPY . .
RUN cargo build --release --target "$(cat /target)" --bin proxy \
 && cp "target/$(cat /target)/release/proxy" /proxy

FROM scratch
COPY --from=cook /proxy /proxy
EXPOSE 8443
STOPSIGNAL SIGINT
ENTRYPOINT ["/proxy"]
