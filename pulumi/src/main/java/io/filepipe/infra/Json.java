package io.filepipe.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON for the documents the program hands to AWS (policies, lifecycle rules, log formats). */
public final class Json {

    /** Keys sorted: the same document always renders the same, so Pulumi never sees a false diff. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    /** The same document without insignificant whitespace, members in their order. */
    public static String compact(String json) {
        try {
            return MAPPER.readTree(json).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** Renders maps, lists, strings and numbers. */
    public static String write(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + document, e);
        }
    }
}
