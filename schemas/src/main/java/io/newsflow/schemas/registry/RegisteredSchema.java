package io.newsflow.schemas.registry;

import org.apache.avro.Schema;

/** A schema as the registry holds it: under a subject, with its global id and its version in that subject. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {}
