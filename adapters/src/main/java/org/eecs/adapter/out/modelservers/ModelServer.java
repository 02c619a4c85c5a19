package org.eecs.adapter.out.modelservers;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * A model server this installation calls over HTTP, and the cheap request that tells whether it answers: the list
 * of models ({@code GET /v1/models} on an OpenAI-compatible server such as vLLM or a Whisper server,
 * {@code GET /api/tags} on Ollama). Only servers the settings name are probed; the embedded models need none.
 *
 * @param apiKey sent as a bearer token when set; never shown
 */
record ModelServer(String name, URI probe, String apiKey) {

    static final String LANGUAGE_MODEL = "languageModel";
    static final String SPEECH_RECOGNITION = "speechRecognition";
    static final String SPEECH_SYNTHESIS = "speechSynthesis";

    /**
     * The servers named by the model adapters' settings: {@code eecs.reasoning.llm.*} (openai or ollama),
     * {@code eecs.speech.*} (openai) and {@code eecs.generation.speech.*} (openai), with those adapters' defaults.
     */
    static List<ModelServer> configuredIn(Environment settings) {
        List<ModelServer> servers = new ArrayList<>();
        String llm = settings.getProperty("eecs.reasoning.llm.provider", "none").toLowerCase(Locale.ROOT);
        String llmBase = settings.getProperty("eecs.reasoning.llm.base-url", "");
        if (llm.equals("openai")) {
            // the base URL goes up to and including /v1
            servers.add(new ModelServer(LANGUAGE_MODEL, URI.create(orDefault(llmBase, "http://localhost:8000/v1")
                    + "/models"), settings.getProperty("eecs.reasoning.llm.api-key")));
        } else if (llm.equals("ollama")) {
            servers.add(new ModelServer(LANGUAGE_MODEL, URI.create(orDefault(llmBase, "http://localhost:11434")
                    + "/api/tags"), null));
        }
        if ("openai".equalsIgnoreCase(settings.getProperty("eecs.speech.engine", "sphinx"))) {
            servers.add(new ModelServer(SPEECH_RECOGNITION, URI.create(orDefault(
                    settings.getProperty("eecs.speech.openai.base-url", ""), "http://localhost:8000") + "/v1/models"),
                    settings.getProperty("eecs.speech.openai.api-key")));
        }
        if ("openai".equalsIgnoreCase(settings.getProperty("eecs.generation.speech.engine", "freetts"))) {
            servers.add(new ModelServer(SPEECH_SYNTHESIS, URI.create(orDefault(
                    settings.getProperty("eecs.generation.speech.openai.base-url", ""), "http://localhost:8000")
                    + "/v1/models"), settings.getProperty("eecs.generation.speech.openai.api-key")));
        }
        return List.copyOf(servers);
    }

    private static String orDefault(String baseUrl, String fallback) {
        return (StringUtils.hasText(baseUrl) ? baseUrl.strip() : fallback).replaceAll("/+$", "");
    }

    @Override
    public String toString() {
        return name + " at " + probe; // no key
    }
}
