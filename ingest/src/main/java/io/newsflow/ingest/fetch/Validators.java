package io.newsflow.ingest.fetch;

/** What a conditional GET sends back: the feed's last ETag and Last-Modified, either possibly null. */
public record Validators(String etag, String lastModified) {
    public static final Validators NONE = new Validators(null, null);
}
