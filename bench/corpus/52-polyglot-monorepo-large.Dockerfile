# syntax=docker/dockerfile:1
#
# One Dockerfile for the whole "marketplace" monorepo. Every deployable has a
# target; CI builds them with `--target <service>`. Shared stages at the top,
# one section per service below, test targets at the end.
#
#   services/catalog    Go       gRPC + HTTP gateway
#   services/search     Rust     query service over tantivy
#   services/checkout   Java     Spring Boot
#   services/notify     Python   Celery worker
#   web/storefront      Node     Next.js
#   tools/migrate       Go       schema migrations
#

ARG GO_VERSION=1.22.5
ARG RUST_VERSION=1.79.0
ARG JAVA_VERSION=21
ARG PYTHON_VERSION=3.12
ARG NODE_VERSION=20.15.1
ARG ALPINE_VERSION=3.20
ARG DEBIAN_VERSION=bookworm
ARG DISTROLESS=gcr.io/distroless
ARG GIT_SHA=unknown
ARG BUILD_DATE=1970-01-01T00:00:00Z

# ---------------------------------------------------------------------------
# Shared: generated protobuf code for every language
# ---------------------------------------------------------------------------
FROM bufbuild/buf:1.34.0 AS buf
WORKDIR /repo
COPY buf.yaml buf.gen.yaml buf.lock ./
COPY proto/ proto/
RUN buf lint \
 && buf breaking --against '.git#branch=main' || echo "breaking check needs git history; skipped in image builds" \
 && buf generate --output /gen

# ---------------------------------------------------------------------------
# Shared: Go module cache for catalog and migrate
# ---------------------------------------------------------------------------
FROM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS go-base
RUN apk add --no-cache git make
ENV CGO_ENABLED=0 GOFLAGS="-trimpath -buildvcs=false"
WORKDIR /repo
COPY go.work go.work.sum ./
COPY services/catalog/go.mod services/catalog/go.sum services/catalog/
COPY tools/migrate/go.mod tools/migrate/go.sum tools/migrate/
COPY libs/go/go.mod libs/go/go.sum libs/go/
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download -x

FROM go-base AS go-src
COPY libs/go/ libs/go/
COPY --from=buf /gen/go/ libs/go/gen/

# ---------------------------------------------------------------------------
# catalog (Go)
# ---------------------------------------------------------------------------
FROM go-src AS catalog-build
ARG GIT_SHA
ARG BUILD_DATE
COPY services/catalog/ services/catalog/
WORKDIR /repo/services/catalog
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build \
      -ldflags "-s -w \
        -X github.com/example/marketplace/libs/go/buildinfo.Commit=${GIT_SHA} \
        -X github.com/example/marketplace/libs/go/buildinfo.Date=${BUILD_DATE}" \
      -o /out/catalog ./cmd/catalog

FROM ${DISTROLESS}/static-debian12:nonroot AS catalog
ARG GIT_SHA
LABEL org.opencontainers.image.title=catalog \
      org.opencontainers.image.revision=${GIT_SHA}
COPY --from=catalog-build /out/catalog /catalog
EXPOSE 8080 9090
ENTRYPOINT ["/catalog"]
CMD ["serve", "--http=:8080", "--grpc=:9090"]

# ---------------------------------------------------------------------------
# migrate (Go)
# ---------------------------------------------------------------------------
FROM go-src AS migrate-build
COPY tools/migrate/ tools/migrate/
WORKDIR /repo/tools/migrate
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -ldflags "-s -w" -o /out/migrate .

FROM alpine:${ALPINE_VERSION} AS migrate
RUN apk add --no-cache postgresql16-client
COPY --from=migrate-build /out/migrate /usr/local/bin/migrate
COPY db/migrations/ /migrations/
ENV MIGRATIONS_DIR=/migrations
ENTRYPOINT ["migrate"]
CMD ["up"]

# ---------------------------------------------------------------------------
# search (Rust)
# ---------------------------------------------------------------------------
FROM rust:${RUST_VERSION}-slim-${DEBIAN_VERSION} AS rust-base
RUN apt-get update \
 && apt-get install -y --no-install-recommends protobuf-compiler pkg-config libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /repo/services/search
COPY services/search/Cargo.toml services/search/Cargo.lock ./
# Build dependencies against an empty crate first.
RUN mkdir src \
 && echo 'fn main() { println!("placeholder"); }' > src/main.rs \
 && cargo build --release --locked \
 && rm -rf src

FROM rust-base AS search-build
COPY services/search/ ./
COPY --from=buf /gen/rust/ ./src/gen/
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    touch src/main.rs \
 && cargo build --release --locked \
 && install -D -m 0755 target/release/search /out/search

FROM debian:${DEBIAN_VERSION}-slim AS search
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10002 --home-dir /var/lib/search search \
 && install -d -o search -g search /var/lib/search
COPY --from=search-build /out/search /usr/local/bin/search
USER search
VOLUME /var/lib/search
ENV SEARCH_INDEX_DIR=/var/lib/search RUST_LOG=info,tantivy=warn
EXPOSE 7700
HEALTHCHECK --interval=15s --timeout=2s CMD ["/usr/local/bin/search", "probe"]
ENTRYPOINT ["/usr/local/bin/search"]

# ---------------------------------------------------------------------------
# checkout (Java)
# ---------------------------------------------------------------------------
FROM eclipse-temurin:${JAVA_VERSION}-jdk AS java-base
WORKDIR /repo/services/checkout
COPY services/checkout/mvnw services/checkout/pom.xml ./
COPY services/checkout/.mvn .mvn
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q dependency:go-offline

FROM java-base AS checkout-build
COPY services/checkout/src src
COPY --from=buf /gen/java/ src/main/java/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests package \
 && mkdir -p /out \
 && java -Djarmode=layertools -jar target/checkout-*.jar extract --destination /out

FROM eclipse-temurin:${JAVA_VERSION}-jre AS checkout
RUN groupadd --system checkout && useradd --system --gid checkout checkout
WORKDIR /app
COPY --from=checkout-build /out/dependencies/ ./
COPY --from=checkout-build /out/spring-boot-loader/ ./
COPY --from=checkout-build /out/snapshot-dependencies/ ./
COPY --from=checkout-build /out/application/ ./
USER checkout
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    SPRING_PROFILES_ACTIVE=production
EXPOSE 8080
HEALTHCHECK --start-period=40s --interval=20s \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

# ---------------------------------------------------------------------------
# notify (Python)
# ---------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim-${DEBIAN_VERSION} AS py-base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy
COPY --from=ghcr.io/astral-sh/uv:0.2.27 /uv /usr/local/bin/uv

FROM py-base AS notify-build
WORKDIR /repo/services/notify
COPY services/notify/pyproject.toml services/notify/uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-install-project --no-dev
COPY services/notify/ ./
COPY --from=buf /gen/python/ ./notify/gen/
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev

FROM python:${PYTHON_VERSION}-slim-${DEBIAN_VERSION} AS notify
RUN useradd --system --uid 10004 --create-home notify
COPY --from=notify-build /opt/venv /opt/venv
COPY --from=notify-build --chown=notify /repo/services/notify /app
ENV PATH=/opt/venv/bin:$PATH \
    CELERY_BROKER_URL=redis://redis:6379/0
WORKDIR /app
USER notify
CMD ["celery", "--app", "notify.worker", "worker", "--loglevel", "INFO", "--concurrency", "4"]

FROM notify AS notify-beat
CMD ["celery", "--app", "notify.worker", "beat", "--loglevel", "INFO"]

# ---------------------------------------------------------------------------
# storefront (Node / Next.js)
# ---------------------------------------------------------------------------
FROM node:${NODE_VERSION}-alpine${ALPINE_VERSION} AS node-base
RUN apk add --no-cache libc6-compat
RUN corepack enable
WORKDIR /repo/web/storefront

FROM node-base AS storefront-deps
COPY web/storefront/package.json web/storefront/pnpm-lock.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm install --frozen-lockfile

FROM node-base AS storefront-build
ARG GIT_SHA
ENV NEXT_TELEMETRY_DISABLED=1 \
    NEXT_PUBLIC_COMMIT=${GIT_SHA}
COPY --from=storefront-deps /repo/web/storefront/node_modules ./node_modules
COPY web/storefront/ ./
COPY --from=buf /gen/ts/ ./src/gen/
RUN pnpm run build

FROM node:${NODE_VERSION}-alpine${ALPINE_VERSION} AS storefront
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
RUN addgroup --system --gid 1001 nodejs \
 && adduser --system --uid 1001 --ingroup nodejs nextjs
COPY --from=storefront-build /repo/web/storefront/public ./public
COPY --from=storefront-build --chown=nextjs:nodejs /repo/web/storefront/.next/standalone ./
COPY --from=storefront-build --chown=nextjs:nodejs /repo/web/storefront/.next/static ./.next/static
USER nextjs
EXPOSE 3000
CMD ["node", "server.js"]

# ---------------------------------------------------------------------------
# Test targets: `--target test-<lang>`; none of these ship.
# ---------------------------------------------------------------------------
FROM go-src AS test-go
COPY services/catalog/ services/catalog/
COPY tools/migrate/ tools/migrate/
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go vet ./libs/go/... ./services/catalog/... ./tools/migrate/... \
 && go test -count=1 ./libs/go/... ./services/catalog/... ./tools/migrate/...

FROM search-build AS test-rust
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    cargo test --release --locked

FROM checkout-build AS test-java
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q verify

FROM notify-build AS test-python
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen \
 && /opt/venv/bin/python -m pytest -q

FROM storefront-build AS test-node
RUN pnpm run lint && pnpm run test -- --ci

# Runs every test stage; building this target builds them all.
FROM alpine:${ALPINE_VERSION} AS test
COPY --from=test-go /etc/hostname /tmp/go.ok
COPY --from=test-rust /etc/hostname /tmp/rust.ok
COPY --from=test-java /etc/hostname /tmp/java.ok
COPY --from=test-python /etc/hostname /tmp/python.ok
COPY --from=test-node /etc/hostname /tmp/node.ok
RUN ls /tmp/*.ok

# ---------------------------------------------------------------------------
# API reference: HTML docs generated from the protobuf definitions
# ---------------------------------------------------------------------------
FROM pseudomuto/protoc-gen-doc:1.5.1 AS api-docs-build
COPY proto/ /protos/
RUN protoc --doc_out=/out --doc_opt=html,index.html -I /protos $(find /protos -name '*.proto')

FROM nginx:1.27-alpine AS api-docs
COPY --from=api-docs-build /out/ /usr/share/nginx/html/
EXPOSE 80

# ---------------------------------------------------------------------------
# Local development: all sources and toolchains in one image
# ---------------------------------------------------------------------------
FROM mcr.microsoft.com/devcontainers/base:${DEBIAN_VERSION} AS dev
ARG GO_VERSION
ARG NODE_VERSION
COPY --from=go-base /usr/local/go /usr/local/go
COPY --from=rust-base /usr/local/cargo /usr/local/cargo
COPY --from=rust-base /usr/local/rustup /usr/local/rustup
COPY --from=java-base /opt/java/openjdk /opt/java/openjdk
COPY --from=node-base /usr/local/bin/node /usr/local/bin/node
COPY --from=py-base /usr/local/bin/uv /usr/local/bin/uv
COPY --from=buf /usr/local/bin/buf /usr/local/bin/buf
ENV PATH=/usr/local/go/bin:/usr/local/cargo/bin:/opt/java/openjdk/bin:$PATH \
    CARGO_HOME=/usr/local/cargo \
    RUSTUP_HOME=/usr/local/rustup \
    JAVA_HOME=/opt/java/openjdk \
    GO_VERSION=${GO_VERSION} \
    NODE_VERSION=${NODE_VERSION}
RUN apt-get update \
 && apt-get install -y --no-install-recommends protobuf-compiler postgresql-client redis-tools \
 && rm -rf /var/lib/apt/lists/*
USER vscode
WORKDIR /workspaces/marketplace
