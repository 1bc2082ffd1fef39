# A C program built with autotools and installed into a staging prefix.
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
      autoconf \
      automake \
      libtool \
      make \
      gcc \
      pkg-config \
      libevent-dev \
      libncurses-dev \
      ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/app
COPY . .
RUN ./autogen.sh \
    && ./configure --prefix=/usr/local --enable-static CFLAGS="-O2 -g0" \
    && make -j"$(nproc)" \
    && make check \
    && make DESTDIR=/staging install-strip

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
      libevent-2.1-7 libncursesw6 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /staging/usr/local/ /usr/local/
RUN ldconfig
ENTRYPOINT ["/usr/local/bin/app"]
