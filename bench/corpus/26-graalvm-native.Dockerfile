FROM ghcr.io/graalvm/native-image-community:21 AS native
WORKDIR /build
COPY gradlew settings.gradle build.gradle ./
COPY gradle gradle
RUN ./gradlew --no-daemon dependencies
COPY src src
RUN ./gradlew --no-daemon nativeCompile \
    && cp build/native/nativeCompile/app /app

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends zlib1g && rm -rf /var/lib/apt/lists/*
COPY --from=native /app /usr/local/bin/app
USER nobody
ENTRYPOINT ["/usr/local/bin/app"]
