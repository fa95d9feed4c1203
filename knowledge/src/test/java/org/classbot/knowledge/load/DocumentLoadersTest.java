package org.classbot.knowledge.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentLoadersTest {
    @TempDir
    Path dir;

    private LoadedDocument load(String name, String content) throws Exception {
        return load(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private LoadedDocument load(String name, byte[] content) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return DocumentLoaders.load(f, DocumentLoaders.read(f, 1 << 20));
    }

    @Test
    void should_keep_markdown_headings_as_section_metadata() throws Exception {
        LoadedDocument d = load("rules.md", "# 安全守则\n\n总则文字。\n\n## 饮食\n\n实验室内**禁止**饮食，见[规定](http://x)。\n\nSetext\n------\n\nbody\n");
        assertThat(d.sections()).extracting(Section::heading).containsExactly("安全守则", "饮食", "Setext");
        assertThat(d.sections().get(1).text()).isEqualTo("实验室内禁止饮食，见规定。");
    }

    @Test
    void should_read_html_headings_and_skip_scripts() throws Exception {
        LoadedDocument d = load("a.html", "<html><head><title>T</title><script>var x=1;</script></head><body>"
                + "<nav>menu</nav><h2>急停</h2><p>按下<b>红色</b>按钮。</p><ul><li>one</li><li>two</li></ul></body></html>");
        assertThat(d.sections()).hasSize(1);
        Section s = d.sections().get(0);
        assertThat(s.heading()).isEqualTo("急停");
        assertThat(s.text()).isEqualTo("按下红色按钮。\none\ntwo").doesNotContain("menu", "var x");
    }

    @Test
    void should_take_short_unpunctuated_lines_of_text_files_as_headings() throws Exception {
        LoadedDocument d = load("a.txt", "电池管理规定\n\n一、充电\n充电时必须有人看守。\n\n- 列表项\n二、存放\n放在防火柜中。\n");
        assertThat(d.sections()).extracting(Section::heading).containsExactly("一、充电", "二、存放");
        assertThat(d.sections().get(0).text()).isEqualTo("充电时必须有人看守。\n\n- 列表项");
    }

    @Test
    void should_decode_gb18030_text() throws Exception {
        LoadedDocument d = load("gbk.txt", "实验室内禁止饮食。".getBytes(Charset.forName("GB18030")));
        assertThat(d.sections().get(0).text()).isEqualTo("实验室内禁止饮食。");
    }

    @Test
    void should_read_pdf_pages_with_their_numbers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PDDocument pdf = new PDDocument()) {
            for (String line : new String[] {"Charge batteries in the cabinet.", "Press the emergency stop."}) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(pdf, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    cs.newLineAtOffset(72, 700);
                    cs.showText(line);
                    cs.endText();
                }
            }
            pdf.save(bytes);
        }
        LoadedDocument d = load("rules.pdf", bytes.toByteArray());
        assertThat(d.sections()).extracting(Section::page).containsExactly(1, 2);
        assertThat(d.sections().get(1).text()).isEqualTo("Press the emergency stop.");
    }

    @Test
    void should_read_docx_headings_paragraphs_and_tables() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            var h = doc.createParagraph();
            h.setStyle("Heading1");
            h.createRun().setText("充电规定");
            doc.createParagraph().createRun().setText("充电时必须有人看守。");
            var t = doc.createTable(1, 2);
            t.getRow(0).getCell(0).setText("电压");
            t.getRow(0).getCell(1).setText("3.85V");
            doc.write(bytes);
        }
        LoadedDocument d = load("rules.docx", bytes.toByteArray());
        assertThat(d.sections()).hasSize(1);
        assertThat(d.sections().get(0).heading()).isEqualTo("充电规定");
        assertThat(d.sections().get(0).text()).isEqualTo("充电时必须有人看守。\n电压 | 3.85V");
    }

    @Test
    void should_fail_clearly_on_corrupt_unsupported_empty_and_huge_files() throws Exception {
        Path pdf = dir.resolve("broken.pdf");
        Files.writeString(pdf, "this is not a pdf");
        assertThatThrownBy(() -> DocumentLoaders.load(pdf, Files.readAllBytes(pdf)))
                .isInstanceOf(DocumentLoadException.class).hasMessageContaining("cannot read pdf file").hasMessageContaining("corrupt");
        Path docx = dir.resolve("broken.docx");
        Files.writeString(docx, "PK not really a zip");
        assertThatThrownBy(() -> DocumentLoaders.load(docx, Files.readAllBytes(docx)))
                .isInstanceOf(DocumentLoadException.class).hasMessageContaining("cannot read docx file");
        Path xls = dir.resolve("table.xlsx");
        Files.writeString(xls, "x");
        assertThatThrownBy(() -> DocumentLoaders.load(xls, Files.readAllBytes(xls))).hasMessageContaining("unsupported file type '.xlsx'");
        Path empty = dir.resolve("empty.md");
        Files.writeString(empty, "  \n\n");
        assertThatThrownBy(() -> DocumentLoaders.load(empty, Files.readAllBytes(empty))).hasMessageContaining("no text found");
        Path big = dir.resolve("big.txt");
        Files.write(big, new byte[2048]);
        assertThatThrownBy(() -> DocumentLoaders.read(big, 1024)).hasMessageContaining("file too large")
                .hasMessageContaining("knowledge.max_file_mb");
    }
}
