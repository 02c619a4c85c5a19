package org.eecs.tools;

import java.io.Reader;
import java.util.Map;
import java.util.function.Consumer;
import org.eecs.domain.audit.ChainedAuditEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a FHIR Bundle export (a Bundle of type collection, one AuditEvent an entry) entry by entry, holding one
 * entry at a time however long the Bundle is.
 */
final class BundleEvents {

    /** The verifier reads on to the file's end after the Bundle (for its digest): the parser must not close it. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private BundleEvents() {
    }

    static void read(Reader in, Runnable record, Consumer<ChainedAuditEvent> event, Consumer<String> problem) {
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problem.accept("the file is not a JSON object");
                return;
            }
            boolean bundle = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "resourceType" -> bundle = value == JsonToken.VALUE_STRING
                            && parser.getString().equals("Bundle");
                    case "type" -> {
                        if (value != JsonToken.VALUE_STRING || !parser.getString().equals("collection")) {
                            problem.accept("the Bundle is not of type collection");
                        }
                    }
                    case "entry" -> entries(parser, record, event, problem);
                    default -> parser.skipChildren();
                }
            }
            if (!bundle) {
                problem.accept("the file is not a FHIR Bundle");
            }
        } catch (JacksonException e) {
            problem.accept("the Bundle is not well-formed JSON: " + e.getOriginalMessage());
        }
    }

    private static void entries(JsonParser parser, Runnable record, Consumer<ChainedAuditEvent> event,
                                Consumer<String> problem) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            problem.accept("the Bundle's entry is not a list");
            parser.skipChildren();
            return;
        }
        long number = 0;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            number++;
            record.run();
            Map<String, Object> entry = Json.object(parser);
            try {
                event.accept(ExportedEvent.of(FhirAuditEvent.fields(entry.get("resource"))));
            } catch (IllegalArgumentException e) {
                problem.accept("entry " + number + ": " + e.getMessage());
            }
        }
    }
}
