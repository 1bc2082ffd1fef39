# Kotlin HTTP service built into a shadow jar.
FROM gradle:8.8-jdk17-alpine AS gradle-deps
ENV GRADLE_USER_HOME=/cache
WORKDIR /build
COPY settings.gradle.kts build.gradle.kts gradle.properties ./
COPY gradle/libs.versions.toml gradle/
# Resolving the compile classpath warms the cache without compiling code.
RUN gradle --no-daemon --quiet dependencies --configuration runtimeClasspath

FROM gradle:8.8-jdk17-alpine AS gradle-build
ENV GRADLE_USER_HOME=/cache
COPY --from=gradle-deps /cache /cache
WORKDIR /build
COPY --from=gradle-deps /build ./
COPY src/ src/
RUN gradle --no-daemon shadowJar -x test

FROM amazoncorretto:17-alpine
RUN addgroup -S ktor && adduser -S -G ktor ktor
COPY --from=gradle-build /build/build/libs/*-all.jar /opt/service/service.jar
USER ktor
EXPOSE 8080
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-jar", "/opt/service/service.jar"]
