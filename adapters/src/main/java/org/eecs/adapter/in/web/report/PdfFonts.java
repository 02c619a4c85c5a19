package org.eecs.adapter.in.web.report;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The PDF's fonts: Helvetica and Helvetica Bold, two of the standard 14 that every PDF reader has, so nothing is
 * embedded or read from the machine. They cover WinAnsi (Western European) text; any other character is shown as
 * "?" rather than failing the export.
 */
record PdfFonts(PDFont regular, PDFont bold) {

    static PdfFonts standard() {
        return new PdfFonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
    }

    String encodable(String text, PDFont font) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            String character = Character.toString(codePoint);
            try {
                font.encode(character);
                out.append(character);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
