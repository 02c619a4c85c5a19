package org.eecs.testing;

import java.awt.image.BufferedImage;

/** What an image shows, counted: for telling a rendered chart from a blank page. */
public final class Pixels {

    private Pixels() {
    }

    /** The share of pixels that are not (nearly) white. */
    public static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 240 || ((rgb >> 8) & 0xFF) < 240 || (rgb & 0xFF) < 240) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }

    /** How many pixels are within {@code tolerance} of the colour (0xRRGGBB) in each channel. */
    public static long ofColour(BufferedImage image, int colour, int tolerance) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xFF) - ((colour >> 16) & 0xFF)) <= tolerance
                        && Math.abs(((rgb >> 8) & 0xFF) - ((colour >> 8) & 0xFF)) <= tolerance
                        && Math.abs((rgb & 0xFF) - (colour & 0xFF)) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }
}
