/** A protocol an application provides as a service, for a server that is given none. */
module app.greeting {
    requires io.zyphos.sockets;

    provides io.zyphos.server.Protocol with app.greeting.Greeting;
}
