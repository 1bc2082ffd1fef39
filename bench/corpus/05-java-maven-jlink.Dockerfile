# syntax=docker/dockerfile:1
# Build a fat jar with Maven, then a trimmed Java runtime with jlink.
ARG JDK_IMAGE=eclipse-temurin:21-jdk-jammy
ARG BASE_IMAGE=ubuntu:22.04

FROM ${JDK_IMAGE} AS build
WORKDIR /workspace
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B dependency:go-offline
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package \
 && cp target/*.jar /workspace/app.jar

FROM build AS jre
# Ask jdeps which modules the application needs and link only those.
RUN jdeps --ignore-missing-deps -q --recursive --multi-release 21 \
        --print-module-deps --class-path 'BOOT-INF/lib/*' app.jar > modules.txt \
 && jlink --add-modules "$(cat modules.txt),jdk.crypto.ec" \
        --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
        --output /opt/jre

FROM ${BASE_IMAGE}
ENV JAVA_HOME=/opt/jre
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/jre /opt/jre
COPY --from=build /workspace/app.jar /opt/app/app.jar
RUN groupadd -r spring && useradd -r -g spring spring
USER spring:spring
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/app/app.jar"]
