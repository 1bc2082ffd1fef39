# syntax=docker/dockerfile:1.7
ARG RUST_VERSION=1.79
ARG DEBIAN_RELEASE=bookworm

################################################################################
# Dependency layer: compile only the dependencies using a stub main.rs, so the
# expensive part stays cached until Cargo.lock changes.
################################################################################
FROM rust:${RUST_VERSION}-slim-${DEBIAN_RELEASE} AS deps
ARG DEBIAN_RELEASE
RUN apt-get update \
 && apt-get install -y --no-install-recommends pkg-config libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
COPY crates/api/Cargo.toml crates/api/
COPY crates/core/Cargo.toml crates/core/
RUN mkdir -p crates/api/src crates/core/src \
 && echo 'fn main() {}' > crates/api/src/main.rs \
 && touch crates/core/src/lib.rs \
 && cargo build --release --locked \
 && rm -rf crates/*/src target/release/.fingerprint/api-* target/release/.fingerprint/core-*

FROM deps AS builder
COPY crates crates
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    cargo build --release --locked --bin api \
 && strip target/release/api

FROM debian:${DEBIAN_RELEASE}-slim AS runtime
LABEL org.opencontainers.image.title="api" \
      org.opencontainers.image.description="HTTP API written in Rust" \
      org.opencontainers.image.licenses="MIT"
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home api
COPY --from=builder --chown=api:api /app/target/release/api /usr/local/bin/api
USER api
ENV RUST_LOG=info
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["/usr/local/bin/api", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/api"]
