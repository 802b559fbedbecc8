# syntax=docker/dockerfile:1
# The newsflow image: one image, three services (`newsflow ingest`, `newsflow enrich`, `newsflow sink`) and the
# one-shot set-up commands (`newsflow topics create`, `newsflow kibana import`). Built by `docker compose build`
# (see docs/deployment.md). Settings come from NEWSFLOW_* environment variables only; the image has no config file.

# --- build: the Maven wrapper on a JDK 21 ----------------------------------------------------------------------------
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY schemas schemas
COPY common common
COPY stack stack
COPY test-support test-support
COPY enrich enrich
COPY ingest ingest
COPY sink sink
COPY kibana kibana
COPY app app
# e2e holds tests only, but Maven reads every module of the parent pom before it builds any.
COPY e2e e2e
# -Dmdep.skip: the stack module's local servers (Kafka, Apicurio, Elasticsearch zips) are for `newsflow up` and the
# tests on a developer machine; containers use the real images instead, so the build does not fetch them.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl app -am install -DskipTests -Dmdep.skip=true \
 && ./mvnw -B -q -pl app dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp app/target/newsflow-app-*.jar /out/lib/

# --- run: a JRE 21 -----------------------------------------------------------------------------------------------------
FROM eclipse-temurin:21-jre
# curl: the compose healthchecks ask each service's /health.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system newsflow && useradd --system --gid newsflow --home-dir /var/lib/newsflow newsflow \
 && mkdir -p /var/lib/newsflow/enrich-state /etc/newsflow/feeds.d \
 && chown -R newsflow:newsflow /var/lib/newsflow
COPY --from=build /out/lib /opt/newsflow/lib
RUN printf '#!/bin/sh\nexec java -cp "/opt/newsflow/lib/*" io.newsflow.app.Newsflow "$@"\n' > /usr/local/bin/newsflow \
 && chmod 755 /usr/local/bin/newsflow
USER newsflow
WORKDIR /var/lib/newsflow
# Containers bind the health/metrics endpoints on every interface (127.0.0.1 would be unreachable from outside).
ENV NEWSFLOW_OPS_HOST=0.0.0.0 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 9401 9402 9403
ENTRYPOINT ["newsflow"]
CMD ["--help"]
