package org.eecs.adapter.out.recognition.face;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Decodes one encoded frame (JPEG, PNG, anything ImageIO reads). A frame the decoder only half understood is
 * unreadable too: ImageIO's JPEG reader returns a truncated file's image with the missing part filled in and only
 * a warning, and such a frame must not be classified as if it were whole.
 */
final class FrameDecoder {

    /**
     * The most pixels a frame may have (4096 x 4096): the header is checked before decoding, so that a frame that
     * declares enormous dimensions (a decompression bomb, or a camera at full resolution) is refused instead of
     * taking gigabytes of memory. Cameras should send 640x480.
     */
    static final long MAX_PIXELS = 4096L * 4096L;

    private FrameDecoder() {
    }

    /** Why a frame could not be used. */
    static final class UnreadableFrame extends Exception {
        UnreadableFrame(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * Whether the frame is a JPEG of Y, Cb, Cr (JFIF, as cameras send): its raster is then read as stored, without
     * the decoder's colour conversion of every pixel (about 1 ms of a 640x480 frame's 3), and converted only where
     * it is sampled ({@link RgbImage}). As the JPEG reader's own metadata says, so that an Adobe RGB or a CMYK
     * JPEG still goes through the colour-converting read.
     */
    private static boolean storesYCbCr(ImageReader reader) throws IOException {
        if (!"jpeg".equalsIgnoreCase(reader.getFormatName())) {
            return false;
        }
        Node tree = reader.getImageMetadata(0).getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
        for (Node node = tree.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeName().equals("Chroma")) {
                for (Node chroma = node.getFirstChild(); chroma != null; chroma = chroma.getNextSibling()) {
                    if (chroma.getNodeName().equals("ColorSpaceType")) {
                        return chroma instanceof Element type && "YCbCr".equals(type.getAttribute("name"));
                    }
                }
            }
        }
        return false;
    }

    static RgbImage decode(byte[] encoded) throws UnreadableFrame {
        if (encoded.length == 0) {
            throw new UnreadableFrame("the frame is empty (0 bytes)");
        }
        // in memory: ImageIO.createImageInputStream would cache the stream in a temporary file, for every frame
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableFrame("not an image format ImageIO can read (" + encoded.length
                        + " bytes starting " + HexFormat.of().formatHex(encoded, 0, Math.min(8, encoded.length)) + ")");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new UnreadableFrame("a frame of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels is larger than the " + MAX_PIXELS + " pixels allowed; send 640x480 frames");
                }
                boolean ycc = storesYCbCr(reader);
                RgbImage image = ycc ? RgbImage.ofYCbCr(reader.readRaster(0, null)) : RgbImage.of(reader.read(0));
                if (!warnings.isEmpty()) {
                    throw new UnreadableFrame(reader.getFormatName() + " decoder reported " + String.join("; ", warnings)
                            + " (" + encoded.length + " bytes)");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UnreadableFrame("decoding failed: " + e.getMessage() + " (" + encoded.length + " bytes)");
        } catch (RuntimeException e) {
            // ImageIO's decoders throw unchecked exceptions on some malformed input
            throw new UnreadableFrame("decoding failed: " + e + " (" + encoded.length + " bytes)");
        }
    }
}
