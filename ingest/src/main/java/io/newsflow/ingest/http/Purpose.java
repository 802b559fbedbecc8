package io.newsflow.ingest.http;

/** Why something is fetched: feeds are polled as configured, article pages also obey robots.txt. */
public enum Purpose {
    FEED,
    PAGE,
    /** A robots.txt file, fetched by the fetcher itself. */
    ROBOTS
}
