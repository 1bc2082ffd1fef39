ARG PG_MAJOR=16
FROM postgres:${PG_MAJOR}-bookworm AS build
ARG PG_MAJOR
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        build-essential \
        ca-certificates \
        git \
        "postgresql-server-dev-${PG_MAJOR}" \
    && rm -rf /var/lib/apt/lists/*
ARG PGVECTOR_VERSION=v0.7.2
RUN git clone --branch "${PGVECTOR_VERSION}" --depth 1 https://github.com/pgvector/pgvector.git /tmp/pgvector
WORKDIR /tmp/pgvector
# OPTFLAGS empty: do not tune for the build machine's CPU.
RUN make clean \
    && make OPTFLAGS="" \
    && make install DESTDIR=/out

FROM postgres:${PG_MAJOR}-bookworm
COPY --from=build /out/usr/ /usr/
COPY initdb/ /docker-entrypoint-initdb.d/
