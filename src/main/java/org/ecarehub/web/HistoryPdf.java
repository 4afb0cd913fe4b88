package org.ecarehub.web;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A person's access history as a PDF to keep or print: the same plain words as the portal's page, one row an entry.
 * A PDF carries no proofs, so it says that it is not the checkable copy and where that is.
 */
final class HistoryPdf {

    static final String NOT_A_PROOF = "This copy is for reading and printing. It cannot be checked against the log: to"
            + " check entries, use the history page in the portal, or download everything with its proofs.";

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 9);
    private static final Font HEAD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);

    private HistoryPdf() {}

    static byte[] of(String filtered, List<HistoryLine> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Who has seen the record");
            document.open();
            document.add(new Paragraph("Who has seen the record", TITLE));
            document.add(new Paragraph(filtered, BODY));
            document.add(new Paragraph(NOT_A_PROOF, BODY));
            document.add(new Paragraph(" ", BODY));
            if (lines.isEmpty()) {
                document.add(new Paragraph("There are no entries to show.", BODY));
            } else {
                document.add(table(lines));
            }
        } catch (DocumentException e) {
            throw new IllegalStateException("the history could not be written as PDF", e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }

    private static PdfPTable table(List<HistoryLine> lines) {
        PdfPTable table = new PdfPTable(new float[] {3, 4, 3, 3, 2, 4, 2});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String heading : List.of("When", "Who", "What", "Information", "Why", "On what basis", "Sent to")) {
            table.addCell(new Phrase(heading, HEAD));
        }
        for (HistoryLine line : lines) {
            if (line.withheld()) {
                table.addCell(new Phrase("", BODY));
                PdfPCell notice = new PdfPCell(new Phrase(line.notice(), BODY));
                notice.setColspan(6);
                table.addCell(notice);
                continue;
            }
            table.addCell(new Phrase(line.time() + (line.replayed() ? " (replayed)" : ""), BODY));
            table.addCell(new Phrase(line.who(), BODY));
            table.addCell(new Phrase(line.action(), BODY));
            table.addCell(new Phrase(line.categories(), BODY));
            table.addCell(new Phrase(line.purpose(), BODY));
            table.addCell(new Phrase(
                    line.reason() == null ? line.basis() : line.basis() + ". Reason given: " + line.reason(), BODY));
            table.addCell(new Phrase(line.recipient() == null ? "" : line.recipient(), BODY));
        }
        return table;
    }
}
