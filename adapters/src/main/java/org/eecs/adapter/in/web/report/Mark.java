package org.eecs.adapter.in.web.report;

/**
 * What a chart is drawn with, in points on a canvas whose origin is the top left corner and whose y grows
 * downwards (as in SVG; the PDF renderer flips it). Colours are RGB in 0xRRGGBB.
 */
sealed interface Mark {

    record Box(double x, double y, double width, double height, int fill) implements Mark {
    }

    record Line(double x1, double y1, double x2, double y2, int colour, double width, boolean dashed)
            implements Mark {
    }

    record Text(double x, double y, String text, double size, Anchor anchor, int colour, boolean bold)
            implements Mark {
    }

    /** Where a text's x lies on it: its start, its middle or its end. */
    enum Anchor {
        START, MIDDLE, END
    }
}
