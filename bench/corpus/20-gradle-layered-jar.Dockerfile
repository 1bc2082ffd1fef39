FROM gradle:8.8-jdk21 AS build
WORKDIR /home/gradle/project
COPY --chown=gradle:gradle settings.gradle.kts build.gradle.kts gradle.properties ./
COPY --chown=gradle:gradle gradle gradle
RUN gradle --no-daemon dependencies > /dev/null
COPY --chown=gradle:gradle src src
RUN gradle --no-daemon bootJar -x test

FROM eclipse-temurin:21-jre AS layers
WORKDIR /layers
COPY --from=build /home/gradle/project/build/libs/*.jar app.jar
# Spring Boot splits the jar so rarely-changing layers come first.
RUN java -Djarmode=layertools -jar app.jar extract

FROM eclipse-temurin:21-jre
WORKDIR /app
RUN useradd --system --uid 1001 boot
COPY --from=layers /layers/dependencies/ ./
COPY --from=layers /layers/spring-boot-loader/ ./
COPY --from=layers /layers/snapshot-dependencies/ ./
COPY --from=layers /layers/application/ ./
USER boot
EXPOSE 8080
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
