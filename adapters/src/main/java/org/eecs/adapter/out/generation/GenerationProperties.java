package org.eecs.adapter.out.generation;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * {@code eecs.generation.*}: the robot's files and the speech engine.
 *
 * @param robotProfile  the joints, their limits and rest pose, the face's channels and expressions
 * @param motionLibrary the motions' keyframes
 * @param prosodyTable  how each tone sounds
 */
@ConfigurationProperties("eecs.generation")
record GenerationProperties(@DefaultValue("classpath:generation/robot-profile.yaml") Resource robotProfile,
                            @DefaultValue("classpath:generation/motion-library.yaml") Resource motionLibrary,
                            @DefaultValue("classpath:generation/prosody.tsv") Resource prosodyTable,
                            @DefaultValue Speech speech) {

    /** @param engine {@code freetts} (embedded, the default) or {@code openai} (an OpenAI-compatible speech API) */
    record Speech(@DefaultValue("freetts") Engine engine, @DefaultValue OpenAi openai) {
    }

    enum Engine { FREETTS, OPENAI }

    /**
     * @param baseUrl   the server, without {@code /v1}
     * @param model     the model the server should use
     * @param voice     the server's voice (a speaker id for EmotiVoice)
     * @param toneField the request field that carries the tone's instruction: {@code instructions} (OpenAI),
     *                  {@code prompt} (EmotiVoice); empty to send none
     * @param apiKey    sent as a bearer token when set
     * @param timeout   for one request, connection included
     * @param retries   further attempts after a 5xx answer, a timeout or a lost connection (never after a 4xx)
     */
    record OpenAi(@DefaultValue("http://localhost:8000") URI baseUrl,
                  @DefaultValue("tts-1") String model,
                  @DefaultValue("alloy") String voice,
                  @DefaultValue("instructions") String toneField,
                  String apiKey,
                  @DefaultValue("30s") Duration timeout,
                  @DefaultValue("1") int retries) {
    }
}
