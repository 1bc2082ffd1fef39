# syntax=docker/dockerfile:1
# Rails app with Sidekiq; assets compiled in the build stage only.
ARG RUBY_VERSION=3.3.4
ARG BUNDLER_VERSION=2.5.16

FROM ruby:${RUBY_VERSION}-slim-bookworm AS ruby-base
ARG BUNDLER_VERSION
ENV BUNDLE_PATH=/gems \
    BUNDLE_JOBS=2 \
    BUNDLE_RETRY=3 \
    RAILS_LOG_TO_STDOUT=1
RUN gem install bundler --version "${BUNDLER_VERSION}" --no-document
WORKDIR /srv/shop

FROM ruby-base AS gems
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev libyaml-dev git \
    && rm -rf /var/lib/apt/lists/*
COPY Gemfile Gemfile.lock .ruby-version ./
RUN bundle config set --local without 'development test' \
    && bundle install \
    && find /gems -name '*.o' -delete \
    && rm -rf /gems/cache

FROM gems AS assets
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/* \
    && npm install --global yarn@1.22.22
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production=false
COPY . .
# Asset compilation loads the app but needs no real credentials.
RUN RAILS_ENV=production SECRET_KEY_BASE=assets-only bin/rails assets:precompile \
    && rm -rf node_modules tmp/cache

FROM ruby-base AS app
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 libyaml-0-2 libjemalloc2 curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1100 shop
ENV RAILS_ENV=production \
    LD_PRELOAD=libjemalloc.so.2 \
    MALLOC_CONF="dirty_decay_ms:1000,narenas:2"
COPY --from=gems /gems /gems
COPY --from=assets --chown=shop:shop /srv/shop /srv/shop
USER shop
EXPOSE 3000
HEALTHCHECK --interval=30s CMD curl -fs http://127.0.0.1:3000/up || exit 1
CMD ["bin/rails", "server", "--binding", "0.0.0.0"]

FROM app AS sidekiq
HEALTHCHECK NONE
CMD ["bundle", "exec", "sidekiq", "--config", "config/sidekiq.yml"]
