package dev.tpharness.grading.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.tpharness.grading.report.GradeReport.Verdict;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class JUnitXmlTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void failIsAFailureWarnIsAdviceUnlessStrict() throws Exception {
        Document lenient = parse(JUnitXml.of(Results.of("alice", Verdict.FAIL, Verdict.WARN, false)));
        assertThat(lenient.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        assertThat(lenient.getElementsByTagName("testcase").getLength()).isEqualTo(3);
        assertThat(lenient.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(lenient.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
                .isEqualTo("the server listens on 12345, not 12346");
        assertThat(lenient.getElementsByTagName("system-out").item(0).getTextContent()).startsWith("WARN (advice");

        Document strict = parse(JUnitXml.of(Results.of("alice", Verdict.FAIL, Verdict.WARN, true)));
        assertThat(strict.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(strict.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    }

    @Test
    void notRunIsSkippedAndAnUngradableRepositoryIsAnError() throws Exception {
        Document notRun = parse(JUnitXml.of(Results.of("bob", Verdict.NOT_RUN, Verdict.PASS, false)));
        assertThat(notRun.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        Document error = parse(JUnitXml.of(StudentResult.error(new Student("carol", "/x"), Instant.now(), Duration.ZERO, false,
                "/x does not exist <here> & \"there\"")));
        assertThat(error.getElementsByTagName("error").item(0).getAttributes().getNamedItem("message").getNodeValue())
                .isEqualTo("/x does not exist <here> & \"there\"");
    }

    @Test
    void controlCharactersFromAStudentsOutputKeepTheXmlWellFormed() throws Exception {
        StudentResult r = StudentResult.error(new Student("dave", "/x"), Instant.now(), Duration.ZERO, false, "bell \u0007 and nul \u0000");
        assertThat(parse(JUnitXml.of(r)).getElementsByTagName("error").item(0).getAttributes().getNamedItem("message").getNodeValue())
                .isEqualTo("bell ? and nul ?");
    }
}
