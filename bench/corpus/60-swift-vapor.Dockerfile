# Swift server built with a static stdlib, run on plain Ubuntu.
ARG SWIFT_VERSION=5.10
FROM swift:${SWIFT_VERSION}-jammy AS swift-build
WORKDIR /package
COPY Package.swift Package.resolved ./
RUN swift package resolve --force-resolved-versions
COPY Sources/ Sources/
COPY Tests/ Tests/
COPY Public/ Public/
RUN swift build --configuration release --static-swift-stdlib --product Server \
    && mkdir -p /out \
    && cp "$(swift build --configuration release --show-bin-path)/Server" /out/ \
    && cp -R Public /out/Public

FROM swift-build AS swift-test
RUN swift test --parallel

FROM ubuntu:22.04
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata libcurl4 libxml2 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /srv/server server
COPY --from=swift-build --chown=server:server /out/ /srv/server/
WORKDIR /srv/server
USER server
ENV LOG_LEVEL=info
EXPOSE 8080
ENTRYPOINT ["./Server"]
CMD ["serve", "--hostname", "0.0.0.0", "--port", "8080"]
