# Redis built from a release tarball with TLS, on a slim runtime.
FROM debian:bookworm-slim AS compile
ARG REDIS_VERSION=7.2.5
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl gcc libc6-dev libssl-dev make pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/redis
RUN curl -fsSL "https://download.redis.io/releases/redis-${REDIS_VERSION}.tar.gz" \
      | tar -xz --strip-components=1
RUN make -j"$(nproc)" BUILD_TLS=yes MALLOC=jemalloc \
    # the test suite needs tcl and takes minutes; the smoke run below is enough here
    && make PREFIX=/opt/redis install \
    && /opt/redis/bin/redis-server --version

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 999 redis \
    && useradd --system --uid 999 --gid redis --home-dir /data redis \
    && install -d -o redis -g redis /data
COPY --from=compile /opt/redis/bin/ /usr/local/bin/
COPY redis.conf /etc/redis/redis.conf
VOLUME /data
WORKDIR /data
USER redis:redis
EXPOSE 6379
CMD ["redis-server", "/etc/redis/redis.conf"]
