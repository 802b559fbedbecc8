package io.newsflow.enrich.core.decode;

/** Page bytes turned into text, and whether that text is HTML or plain text. */
public record DecodedPage(String text, boolean html, String charset) {}
