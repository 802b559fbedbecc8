package io.newsflow.app;

import io.newsflow.stack.junit.SharedFolder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Newsflow clean. */
class CleanCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Newsflow.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldPrintTheSeedArticleAsCleanArticleJsonThatHoldsEverySeedFact() throws Exception {
        Path seed = SharedFolder.path("samples/geneva-talks.id.txt");
        Run run = run("clean", "--json", seed.toString());
        assertThat(run.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("title").asText()).isEqualTo("Pembicaraan Keamanan AS-Rusia: Apa yang Kami Ketahui");
        assertThat(json.get("credit").asText()).isEqualTo("AFP");
        assertThat(json.get("spamRemoved")).hasSize(2);
        assertThat(json.get("sections").get(4).get("blocks")).hasSize(5);

        Path out = dir.resolve("seed.json");
        Files.writeString(out, run.out());
        Process check = new ProcessBuilder("python3", SharedFolder.path("tools/seed_facts.py").toString(), out.toString(),
                SharedFolder.path("samples/geneva-talks.expected.yaml").toString(), "clean")
                .redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(report).isZero();
        assertThat(report).contains("facts: 12/12 hold");
    }

    @Test
    void shouldPrintOneJsonLinePerArticleWithItsSourceAndRejectTheRest() throws IOException {
        Path seed = SharedFolder.path("samples/geneva-talks.id.txt");
        Path tooShort = Files.writeString(dir.resolve("short.txt"), "Judul\n\nPendek sekali.\n");
        Path html = Files.writeString(dir.resolve("page.html"), "<html><head><title>Jalan Tol Baru Dibuka</title></head>"
                + "<body><article><h1>Jalan Tol Baru Dibuka</h1><p>Pemerintah meresmikan ruas jalan tol sepanjang 40"
                + " kilometer yang menghubungkan dua kota besar di Jawa Tengah pada Senin pagi.</p><p>Pengelola menyebut"
                + " tarif akan digratiskan selama dua pekan pertama sebagai masa uji coba bagi pengendara.</p>"
                + "<p>slot gacor maxwin</p></article></body></html>");

        Run run = run("clean", "--jsonl", seed.toString(), tooShort.toString(), html.toString());

        assertThat(run.exit()).isEqualTo(CleanCommand.SOME_REJECTED);
        assertThat(run.err()).contains("short.txt: rejected: NOT_AN_ARTICLE");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(lines.get(0)).get("source").asText()).isEqualTo(seed.toString());
        JsonNode page = mapper.readTree(lines.get(1));
        assertThat(page.get("source").asText()).isEqualTo(html.toString());
        assertThat(page.get("title").asText()).isEqualTo("Jalan Tol Baru Dibuka");
        assertThat(page.get("spamRemoved").get(0).get("text").asText()).isEqualTo("slot gacor maxwin");
    }

    @Test
    void shouldNameAFileThatMakesTheCleanerFailAndGoOnWithTheRest() throws IOException {
        Path seed = SharedFolder.path("samples/geneva-talks.id.txt");
        Path failing = Files.copy(seed, dir.resolve("fail-EXTRACTION.txt"));
        Path crashInput = Files.writeString(dir.resolve("menurut.txt"), "Judul Berita\n\nMenurut Anita, ditolak Agung.\n");

        Run run = run("clean", "--jsonl", "--min-words=1", failing.toString(), crashInput.toString(), seed.toString());

        assertThat(run.exit()).isEqualTo(CleanCommand.SOME_REJECTED);
        assertThat(run.err()).contains(failing + ": failed: java.lang.IllegalStateException: test hook: stage EXTRACTION"
                + " fails for this file (at io.newsflow.app.NameMarkedStageFailure.beforeStage(");
        List<String> lines = run.out().lines().toList();
        ObjectMapper mapper = new ObjectMapper();
        assertThat(lines).extracting(l -> mapper.readTree(l).get("source").asText())
                .containsExactly(crashInput.toString(), seed.toString());
        JsonNode menurut = mapper.readTree(lines.get(0));
        assertThat(menurut.get("statements")).extracting(st -> st.get("speaker").get("name").asText())
                .containsExactly("Anita", "Agung");
        assertThat(menurut.get("degraded")).isEmpty();
    }

    @Test
    void shouldPrintADegradedArticleAndSayWhichStageFailed() throws IOException {
        Path failing = Files.copy(SharedFolder.path("samples/geneva-talks.id.txt"), dir.resolve("fail-STATEMENTS.txt"));

        Run run = run("clean", "--json", failing.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains(failing + ": degraded: STATEMENTS FAILED: java.lang.IllegalStateException at"
                + " io.newsflow.app.NameMarkedStageFailure.beforeStage(");
        JsonNode article = new ObjectMapper().readTree(run.out());
        assertThat(article.get("statements")).isEmpty();
        assertThat(article.get("credit").asText()).isEqualTo("AFP");
        assertThat(article.get("degraded").get(0).get("stage").asText()).isEqualTo("STATEMENTS");
        assertThat(article.get("degraded").get(0).get("cause").asText()).isEqualTo("FAILED");
    }
}
