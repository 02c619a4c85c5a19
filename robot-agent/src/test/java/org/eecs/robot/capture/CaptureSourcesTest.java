package org.eecs.robot.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureSourcesTest {

    @TempDir
    Path folder;

    @Test
    void aWavFile_isHeardInChunksStampedWithTheirTime_thenSilence_thenTheSourceEnds() throws Exception {
        // 44.1 kHz stereo in, 16 kHz mono out
        byte[] stereo = new byte[44_100 * 4];
        Path wav = Files.write(folder.resolve("patient.wav"), WavWriter.wav(stereo, 44_100, 2));
        WavMicrophone microphone = WavMicrophone.of(wav, 0.5, false);

        long samples = 0;
        AudioChunk chunk;
        AudioChunk last = null;
        while ((chunk = microphone.next()) != null) {
            assertThat(chunk.startUs()).isEqualTo(samples * 1_000_000L / 16_000);
            samples += chunk.samples().length;
            last = chunk;
        }

        assertThat(samples).isEqualTo(24_000);
        assertThat(last.endUs()).isEqualTo(1_500_000);
    }

    @Test
    void inRealTime_aWavFileTakesAsLongAsItWouldToSay() throws Exception {
        WavMicrophone microphone = new WavMicrophone(PcmAudio.of16kHz(new float[8_000]), 0, true);
        long start = System.nanoTime();

        while (microphone.next() != null) {
            // hearing it
        }

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(480L, 2_000L);
    }

    @Test
    void aRecordingStandsStill_whileTheAgentDoesNotListen_asAPatientWaitsForTheAnswer() throws Exception {
        WavMicrophone microphone = new WavMicrophone(PcmAudio.of16kHz(new float[16_000]), 0, true);
        for (int i = 0; i < 5; i++) {
            microphone.next();
        }

        Thread.sleep(600); // the agent is with the backend
        long back = System.nanoTime();
        while (microphone.next() != null) {
            // the rest of the second, at the pace of speech
        }

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back)).as("not caught up at once")
                .isGreaterThanOrEqualTo(780L);
    }

    @Test
    void aFolderOfImages_isAClipAtItsFrameRate_inNameOrder() throws Exception {
        for (int i = 0; i < 6; i++) {
            image(folder.resolve("frame-" + i + (i % 2 == 0 ? ".jpg" : ".png")), i % 2 == 0 ? "jpg" : "png");
        }
        Files.writeString(folder.resolve("notes.txt"), "not an image");

        FolderCamera camera = new FolderCamera(folder, 5);

        assertThat(camera.size()).isEqualTo(6);
        List<CameraFrame> second = camera.framesBetween(200_000, 600_000);
        assertThat(second).extracting(CameraFrame::capturedAtUs).containsExactly(200_000L, 400_000L);
        assertThat(second).extracting(CameraFrame::mediaType).containsExactly("image/png", "image/jpeg");
    }

    @Test
    void aFolderWithoutImages_isRefusedSayingSo() {
        assertThatThrownBy(() -> new FolderCamera(folder, 5)).hasMessageContaining("holds no .jpg, .jpeg or .png");
    }

    @Test
    void aVideoFile_isCutIntoJpegFramesByFfmpeg_stampedWithTheirTimeInTheFile() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "ffmpeg is not installed (Debian package ffmpeg): "
                + "skipping the video camera test");
        Path video = folder.resolve("patient.mp4");
        Process make = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc=size=160x120:rate=10:duration=1.5", "-pix_fmt", "yuv420p", video.toString())
                .redirectErrorStream(true).start();
        String made = new String(make.getInputStream().readAllBytes());
        assertThat(make.waitFor()).as(made).isZero();

        try (FfmpegCamera camera = FfmpegCamera.videoFile(video, 4, new CaptureClock())) {
            assertThat(camera.awaitEnd(20_000)).as("ffmpeg played the 1.5 s clip").isTrue();

            List<CameraFrame> frames = camera.framesBetween(0, 10_000_000);
            assertThat(frames).hasSizeBetween(5, 7);
            assertThat(frames).extracting(CameraFrame::capturedAtUs).startsWith(0L, 250_000L, 500_000L);
            for (CameraFrame frame : frames) {
                BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(frame.image()));
                assertThat(image.getWidth()).isEqualTo(160);
                assertThat(frame.mediaType()).isEqualTo("image/jpeg");
            }
        }
    }

    private static void image(Path file, String format) throws Exception {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 32, 24);
        g.dispose();
        ImageIO.write(image, format, file.toFile());
    }
}
