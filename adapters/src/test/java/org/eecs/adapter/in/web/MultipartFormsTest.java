package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletRequestEvent;
import java.util.Random;
import org.eecs.testing.Multipart;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.util.unit.DataSize;

/** Where a multipart body is read into: a buffer lent for the request, given back when the container is done. */
class MultipartFormsTest {

    private final MultipartForms forms = new MultipartForms(16 * 1024 * 1024, 50, DataSize.ofBytes(512));

    @Test
    void whenARequestIsDone_itsBufferIsLentToTheNext_andHoldsTheNextBodyOnly() {
        MockHttpServletRequest first = turn(noise(600_000, 1));
        MultipartForm.Part firstAudio = forms.resolveMultipart(first).form().parts().get(1);
        forms.requestDestroyed(new ServletRequestEvent(new MockServletContext(), first));

        byte[] secondWav = noise(200_000, 2);
        MultipartForm.Part secondAudio = forms.resolveMultipart(turn(secondWav)).form().parts().get(1);

        assertThat(secondAudio.body()).isSameAs(firstAudio.body()).hasSize(MultipartForms.LENT_BUFFER);
        assertThat(secondAudio.copy()).isEqualTo(secondWav);
    }

    @Test
    void whileARequestRuns_itsBufferIsNotLentToAnother() {
        MultipartForm.Part first = forms.resolveMultipart(turn(noise(1_000, 1))).form().parts().get(1);
        byte[] secondWav = noise(1_000, 2);
        MultipartForm.Part second = forms.resolveMultipart(turn(secondWav)).form().parts().get(1);

        assertThat(second.body()).isNotSameAs(first.body());
        assertThat(first.copy()).isEqualTo(noise(1_000, 1));
        assertThat(second.copy()).isEqualTo(secondWav);
    }

    @Test
    void aBodyLargerThanALentBuffer_isReadIntoAnArrayOfItsOwn() {
        byte[] wav = noise(MultipartForms.LENT_BUFFER, 3);
        MockHttpServletRequest request = turn(wav);
        MultipartForm.Part audio = forms.resolveMultipart(request).form().parts().get(1);
        forms.requestDestroyed(new ServletRequestEvent(new MockServletContext(), request));

        assertThat(audio.body()).hasSize(request.getContentLength());
        assertThat(audio.copy()).isEqualTo(wav);
        MultipartForm.Part next = forms.resolveMultipart(turn(noise(10, 4))).form().parts().get(1);
        assertThat(next.body()).isNotSameAs(audio.body()).hasSize(MultipartForms.LENT_BUFFER);
    }

    private static MockHttpServletRequest turn(byte[] wav) {
        Multipart form = new Multipart().part("utterance", "application/json", "{}")
                .part("audio", "utterance.wav", "audio/wav", wav);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/robot/sessions/s/turns");
        request.setContentType(form.contentType());
        request.setContent(form.bytes());
        return request;
    }

    private static byte[] noise(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
