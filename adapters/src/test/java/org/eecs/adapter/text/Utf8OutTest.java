package org.eecs.adapter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class Utf8OutTest {

    @Test
    void textIsWrittenAsTheJdkEncodesIt_andOnlyTheCharacterAskedForIsDoubled() {
        String text = "a\u0000b\"c é 😀";
        assertThat(written(out -> out.text(text))).isEqualTo(text);
        assertThat(written(out -> out.text(text, '"'))).isEqualTo("a\u0000b\"\"c é 😀");
    }

    @Test
    void textLongerThanTheBufferIsWrittenWhole() {
        String text = "é".repeat(100_000);
        assertThat(written(out -> out.text(text))).isEqualTo(text);
    }

    private static String written(Consumer<Utf8Out> writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Utf8Out out = new Utf8Out(bytes);
        writing.accept(out);
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
