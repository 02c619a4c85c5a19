package org.eecs.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Screenshots of pages in Debian's headless Chromium (CI installs the package {@code chromium}; where it is missing
 * the tests that need it are skipped, saying so). Each screenshot runs a fresh browser with a profile of its own,
 * no sandbox (CI runs as root), no GPU and no background networking: the page is a local file, and a
 * self-contained page needs nothing else.
 */
public final class HeadlessChromium {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"),
            Path.of("/usr/bin/chromium-browser"));
    private static final long TIMEOUT_SECONDS = 120;

    private HeadlessChromium() {
    }

    /** The page, rendered in a window of the given size, as an image; skips the test without Chromium. */
    public static BufferedImage screenshot(String html, int width, int height) {
        Path chromium = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null, "chromium is not installed (Debian package chromium): skipping the "
                + "headless-browser screenshot");
        try {
            Path directory = Files.createTempDirectory("eecs-chromium");
            try {
                Path page = Files.writeString(directory.resolve("page.html"), html);
                Path png = directory.resolve("screenshot.png");
                Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--no-first-run", "--disable-dev-shm-usage",
                        "--hide-scrollbars", "--user-data-dir=" + directory.resolve("profile"),
                        "--window-size=" + width + "," + height, "--screenshot=" + png, page.toUri().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(directory.resolve("chromium.log").toFile())
                        .start();
                if (!browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    browser.destroyForcibly();
                    throw new IllegalStateException("chromium took more than " + TIMEOUT_SECONDS + " s: "
                            + Files.readString(directory.resolve("chromium.log")));
                }
                if (!Files.exists(png)) {
                    throw new IllegalStateException("chromium wrote no screenshot (exit " + browser.exitValue()
                            + "): " + Files.readString(directory.resolve("chromium.log")));
                }
                return ImageIO.read(png.toFile());
            } finally {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while chromium ran", e);
        }
    }
}
