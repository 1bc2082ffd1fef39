# Phoenix application packaged as an OTP release.
ARG ERLANG_TAG=27.0.1
ARG ELIXIR_TAG=1.17.2
ARG DEBIAN_TAG=bookworm-20240701-slim
ARG BUILD_IMAGE=hexpm/elixir:${ELIXIR_TAG}-erlang-${ERLANG_TAG}-debian-${DEBIAN_TAG}

FROM ${BUILD_IMAGE} AS mix
ENV MIX_ENV=prod \
    HEX_HTTP_CONCURRENCY=2 \
    ERL_FLAGS="+JPperf true"
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential git ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN mix do local.hex --force, local.rebar --force
WORKDIR /build/chat

# Dependencies and their compile-time configuration first.
COPY mix.exs mix.lock ./
COPY config/config.exs config/prod.exs config/
RUN mix deps.get --only prod && mix deps.compile

# Application code, assets, then the release itself.
COPY lib/ lib/
COPY priv/ priv/
COPY assets/ assets/
RUN mix assets.deploy && mix compile --warnings-as-errors
COPY config/runtime.exs config/
COPY rel/ rel/
RUN mix release chat --path /release

ARG DEBIAN_TAG
FROM debian:${DEBIAN_TAG} AS release
RUN apt-get update \
    && apt-get install -y --no-install-recommends libstdc++6 libncurses6 openssl locales ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && echo 'en_US.UTF-8 UTF-8' > /etc/locale.gen && locale-gen
ENV LANG=en_US.UTF-8 \
    LC_ALL=en_US.UTF-8 \
    PHX_SERVER=true \
    RELEASE_TMP=/tmp
RUN useradd --system --home-dir /opt/chat chat
COPY --from=mix --chown=chat:chat /release /opt/chat
USER chat
WORKDIR /opt/chat
EXPOSE 4000
ENTRYPOINT ["/opt/chat/bin/chat"]
CMD ["start"]
