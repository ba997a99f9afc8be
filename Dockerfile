# The newswatch image: `docker build -t newswatch .` then `docker run newswatch --help`.
# Stage 1 builds the runnable jar with Maven; stage 2 runs it on a JRE only.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY .mvn .mvn
# Dependencies in their own layer: a source change does not download them again.
RUN mvn -q dependency:go-offline
COPY src src
COPY topics topics
RUN mvn -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app newswatch \
    && mkdir -p /app /var/lib/newswatch \
    && chown newswatch /var/lib/newswatch
WORKDIR /app
COPY --from=build /src/target/newswatch.jar /app/newswatch.jar
COPY topics /app/topics
USER newswatch
# The monitor's metrics endpoint (run --metrics-port); bind it with --metrics-host 0.0.0.0 in a container.
EXPOSE 9464
# A fixed heap: G1 would shrink a resizable one between bursts and pay page faults growing it back (BENCHMARKS.md).
ENTRYPOINT ["java", "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75", "-jar", "/app/newswatch.jar"]
CMD ["run", "--metrics-host", "0.0.0.0", "--metrics-port", "9464", "--state-dir", "/var/lib/newswatch"]
