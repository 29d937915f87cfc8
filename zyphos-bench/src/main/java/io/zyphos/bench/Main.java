package io.zyphos.bench;

/** Entry point of the {@code ./zyphos} launcher. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        System.out.println("zyphos: nothing here yet");
    }
}
