package io.newsflow.stack;

/** A process that waits to be stopped, standing in for a server in tests of process handling. */
public final class DummyServer {

    private DummyServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(600_000);
    }

    /** Starts {@code java <extra args> DummyServer}, from this module's test classes. */
    static Process start(String... jvmArguments) throws Exception {
        String classes = java.nio.file.Path.of(DummyServer.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx32m");
        command.addAll(java.util.List.of(jvmArguments));
        command.addAll(java.util.List.of("-cp", classes, DummyServer.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
