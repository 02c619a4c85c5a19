package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.UploadContext;
import org.eecs.testing.Multipart;
import org.junit.jupiter.api.Test;

/** How a multipart/form-data body is read (RFC 7578, RFC 2046), and what is refused, with what message. */
class MultipartFormTest {

    private static final MultipartForm.Limits LIMITS = new MultipartForm.Limits(50, 512);
    private static final String TYPE = "multipart/form-data; boundary=b0undary";

    @Test
    void aTurnsParts_areReadInOrder_asSlicesOfTheOneBuffer() {
        byte[] wav = noise(300_000, 1);
        byte[] frame = noise(40_000, 2);
        Multipart sent = new Multipart().part("utterance", "application/json", "{\"startedAt\": \"x\"}")
                .part("audio", "utterance.wav", "audio/wav", wav).part("frame", "frame-0.jpg", "image/jpeg", frame)
                .part("frame", "frame-1.jpg", "image/jpeg", frame);
        byte[] body = sent.bytes();

        MultipartForm form = MultipartForm.read(body, body.length, sent.contentType(), LIMITS);

        assertThat(form.parts()).extracting(MultipartForm.Part::name)
                .containsExactly("utterance", "audio", "frame", "frame");
        assertThat(form.parts()).extracting(MultipartForm.Part::filename)
                .containsExactly(null, "utterance.wav", "frame-0.jpg", "frame-1.jpg");
        assertThat(form.parts()).extracting(MultipartForm.Part::contentType)
                .containsExactly("application/json", "audio/wav", "image/jpeg", "image/jpeg");
        assertThat(new String(form.parts().get(0).copy(), StandardCharsets.UTF_8)).isEqualTo("{\"startedAt\": \"x\"}");
        assertThat(form.parts().get(1).copy()).isEqualTo(wav);
        assertThat(form.parts().get(3).copy()).isEqualTo(frame);
        assertThat(form.parts()).allSatisfy(part -> assertThat(part.body()).isSameAs(body));
    }

    @Test
    void aPreambleAndAnEpilogue_areIgnored_andThePaddingOfABoundaryLineToo() {
        MultipartForm form = read("""
                This is the preamble; it may say anything, even --b0undar.\r
                --b0undary \t\r
                Content-Disposition: form-data; name="a"\r
                \r
                one\r
                --b0undary--   \r
                This is the epilogue. --b0undary\r
                """);

        assertThat(form.parts()).singleElement().satisfies(part -> assertThat(text(part)).isEqualTo("one"));
    }

    @Test
    void theBoundary_mayBeQuoted_amongOtherParameters_inAnyCase() {
        String body = "--a b:c\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b:c--\r\n";
        MultipartForm form = MultipartForm.read(bytes(body), body.length(),
                "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b:c\"", LIMITS);

        assertThat(form.parts()).extracting(MultipartForm.Part::name).containsExactly("x");
    }

    @Test
    void quotedNames_mayHoldSemicolonsAndEscapedQuotes_andNonAsciiText() {
        MultipartForm form = read("""
                --b0undary\r
                content-disposition: FORM-DATA ; filename="a;b\\"c.wav" ; name="Grüße"\r
                Content-Type:  audio/wav  \r
                X-Other: kept\r
                \r
                \r
                --b0undary--\r
                """);

        MultipartForm.Part part = form.parts().getFirst();
        assertThat(part.name()).isEqualTo("Grüße");
        assertThat(part.filename()).isEqualTo("a;b\"c.wav");
        assertThat(part.contentType()).isEqualTo("audio/wav");
        assertThat(part.length()).as("an empty part").isZero();
        assertThat(part.headers()).extracting(MultipartForm.Header::name)
                .containsExactly("content-disposition", "Content-Type", "X-Other");
    }

    @Test
    void aFoldedHeaderLine_isUnfolded() {
        MultipartForm form = read("""
                --b0undary\r
                Content-Disposition: form-data;\r
                \tname="folded"\r
                \r
                x\r
                --b0undary--\r
                """);

        assertThat(form.parts().getFirst().name()).isEqualTo("folded");
    }

    @Test
    void theBoundaryInsideData_isData_unlessItStartsALineAndEndsOne() {
        MultipartForm form = read("""
                --b0undary\r
                Content-Disposition: form-data; name="a"\r
                \r
                --b0undary at the start of the data, not after a CRLF\r
                --b0undaryX goes on\r
                --b0undary-x too\r
                a line of its own ends the part\r
                --b0undary\r
                Content-Disposition: form-data; name="b"\r
                \r
                2\r
                --b0undary--""");

        assertThat(form.parts()).extracting(MultipartForm.Part::name).containsExactly("a", "b");
        assertThat(text(form.parts().get(0))).isEqualTo("""
                --b0undary at the start of the data, not after a CRLF\r
                --b0undaryX goes on\r
                --b0undary-x too\r
                a line of its own ends the part""");
    }

    @Test
    void dataOfEveryByte_isReadBack_whateverItsLength() {
        Random random = new Random(7);
        for (int length : new int[] {0, 1, 2, 3, 11, 12, 13, 64, 1000, 65_537}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            for (int i = 0; i + 1 < length; i += 97) {
                data[i] = '\r';
                data[i + 1] = '\n'; // lines, as in text
            }
            Multipart sent = new Multipart().part("a", "a.bin", "application/octet-stream", data)
                    .part("b", "b.bin", "application/octet-stream", data);
            byte[] body = sent.bytes();

            MultipartForm form = MultipartForm.read(body, body.length, sent.contentType(), LIMITS);

            assertThat(form.parts()).as("%d bytes", length).hasSize(2)
                    .allSatisfy(part -> assertThat(part.copy()).isEqualTo(data));
        }
    }

    @Test
    void onlyTheGivenLengthOfTheBuffer_isTheBody() {
        byte[] body = bytes("--b0undary\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--b0undary--\r\n");
        byte[] buffer = new byte[body.length + 100];
        System.arraycopy(body, 0, buffer, 0, body.length);

        assertThat(MultipartForm.read(buffer, body.length, TYPE, LIMITS).parts()).hasSize(1);
        assertThatThrownBy(() -> MultipartForm.read(buffer, body.length - 14, TYPE, LIMITS))
                .isInstanceOf(UnreadableForm.class).hasMessageContaining("before its closing boundary");
    }

    @Test
    void aBodyWithoutItsClosingBoundary_isMalformed() {
        malformed("--b0undary\r\nContent-Disposition: form-data; name=a\r\n\r\ndata cut short",
                "the body ends inside part 1, before its closing boundary");
        malformed("--b0undary\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--b0undary",
                "the body ends after a boundary line, before its closing boundary");
        malformed("--b0undary\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--b0undary\r\n",
                "the body ends inside a part's headers");
    }

    @Test
    void aBodyWithoutAnyBoundaryLine_isMalformed() {
        malformed("", "the body has no boundary line");
        malformed("{\"startedAt\": \"2026-11-25T09:00:00Z\"}", "the body has no boundary line");
        malformed("--otherboundary\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--otherboundary--\r\n",
                "the body has no boundary line");
    }

    @Test
    void lfOnlyLineEnds_areMalformed_sayingLinesEndInCrlf() {
        malformed("--b0undary\nContent-Disposition: form-data; name=a\n\nx\n--b0undary--\n",
                "a boundary line ends in a bare LF: lines end in CRLF");
        malformed("--b0undary\r\nContent-Disposition: form-data; name=a\n\nx\r\n--b0undary--\r\n",
                "a part's header line ends in a bare LF: lines end in CRLF");
        malformed("--b0undary\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--b0undary\nmore",
                "a boundary line ends in a bare LF");
    }

    @Test
    void aPartWithoutItsDispositionOrName_isMalformed() {
        malformed("--b0undary\r\nContent-Type: audio/wav\r\n\r\nx\r\n--b0undary--\r\n",
                "part 1 has no Content-Disposition header");
        malformed("--b0undary\r\n\r\nx\r\n--b0undary--\r\n", "part 1 has no Content-Disposition header");
        malformed("--b0undary\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--b0undary--\r\n",
                "part 1's Content-Disposition is not form-data");
        malformed("--b0undary\r\nContent-Disposition: form-data; filename=a.wav\r\n\r\nx\r\n--b0undary--\r\n",
                "part 1's Content-Disposition has no name");
        malformed("--b0undary\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--b0undary--\r\n",
                "a quoted parameter has no closing quote");
        malformed("--b0undary\r\nContent-Disposition form-data\r\n\r\nx\r\n--b0undary--\r\n",
                "a part's header line is not \"Name: value\"");
        malformed("--b0undary\r\n continued\r\n\r\nx\r\n--b0undary--\r\n",
                "a part's headers begin with a continued line");
    }

    @Test
    void aHugeHeaderLine_isTooLarge_withoutBeingReadToItsEnd() {
        String huge = "--b0undary\r\nContent-Disposition: form-data; name=\"" + "a".repeat(1_000_000)
                + "\"\r\n\r\nx\r\n--b0undary--\r\n";

        assertThatThrownBy(() -> read(huge)).isInstanceOfSatisfying(UnreadableForm.class,
                unreadable -> assertThat(unreadable.tooLarge()).isTrue())
                .hasMessage("the headers of a part are longer than 512 bytes");
    }

    @Test
    void morePartsThanTheLimit_isTooLarge() {
        Multipart sent = new Multipart();
        for (int i = 0; i < 51; i++) {
            sent.part("frame", "f.jpg", "image/jpeg", new byte[] {1});
        }
        byte[] body = sent.bytes();

        assertThatThrownBy(() -> MultipartForm.read(body, body.length, sent.contentType(), LIMITS))
                .isInstanceOfSatisfying(UnreadableForm.class, unreadable -> assertThat(unreadable.tooLarge()).isTrue())
                .hasMessage("the body has more than 50 parts");
    }

    @Test
    void aContentTypeThatIsNotFormData_orGivesNoFitBoundary_isMalformed() {
        byte[] body = bytes("--b0undary--\r\n");
        for (String type : List.of("multipart/form-data", "multipart/form-data; boundary=",
                "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=" + "b".repeat(71),
                "multipart/form-data; boundary=caf\u00e9")) {
            assertThatThrownBy(() -> MultipartForm.read(body, body.length, type, LIMITS)).as(type)
                    .isInstanceOf(UnreadableForm.class).hasMessageContaining("the Content-Type must give a boundary");
        }
        assertThatThrownBy(() -> MultipartForm.read(body, body.length, "multipart/mixed; boundary=b0undary", LIMITS))
                .isInstanceOf(UnreadableForm.class).hasMessage("the body is not multipart/form-data");
        assertThat(MultipartForm.read(body, body.length, TYPE, LIMITS).parts()).as("no parts at all").isEmpty();
    }

    @Test
    void theKeysSha256OfTheParts_isTheOneTheContainersPartsGave_soKeysRememberedBeforeStillMatch() throws Exception {
        Multipart sent = new Multipart().part("utterance", "application/json", "{\"startedAt\": \"x\"}")
                .part("audio", "utterance.wav", "audio/wav", noise(70_000, 3))
                .part("frame", "frame-0.jpg", "image/jpeg", noise(9_000, 4));
        byte[] body = sent.bytes();

        String read = RequestFingerprint.ofForm("POST", "/turns",
                MultipartForm.read(body, body.length, sent.contentType(), LIMITS)).sha256();

        assertThat(read).isEqualTo(digestAsTheContainerParsedIt("POST /turns\n", body, sent.contentType()));
    }

    /** The digest as IdempotencyKeys computed it up to 2026-12-02, over the container's parts (Tomcat's parser). */
    private static String digestAsTheContainerParsedIt(String requestLine, byte[] body, String contentType)
            throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(requestLine.getBytes(StandardCharsets.UTF_8));
        FileItemIterator parts = new FileUpload().getItemIterator(new UploadContext() {
            @Override
            public long contentLength() {
                return body.length;
            }

            @Override
            public String getCharacterEncoding() {
                return "UTF-8";
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(body);
            }
        });
        while (parts.hasNext()) {
            FileItemStream part = parts.next();
            byte[] content;
            try (InputStream in = part.openStream()) {
                content = in.readAllBytes();
            }
            digest.update(("\n--" + part.getFieldName() + "\n" + part.getContentType() + "\n" + content.length + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(content);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void malformed(String body, String message) {
        assertThatThrownBy(() -> read(body)).as(body.length() > 80 ? body.substring(0, 80) : body)
                .isInstanceOfSatisfying(UnreadableForm.class, unreadable -> assertThat(unreadable.tooLarge()).isFalse())
                .hasMessageContaining(message);
    }

    private static MultipartForm read(String body) {
        byte[] bytes = bytes(body);
        return MultipartForm.read(bytes, bytes.length, TYPE, LIMITS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(MultipartForm.Part part) {
        return new String(part.copy(), StandardCharsets.UTF_8);
    }

    private static byte[] noise(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
