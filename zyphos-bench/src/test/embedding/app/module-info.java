/** A service that embeds Zyphos as an application would: it names zyphos-http1 and nothing else. */
module app {
    requires io.zyphos.http1;
}
