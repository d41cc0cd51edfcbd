package io.vitrina.loadtest;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The yardstick of {@code ./vitrina loadtest ratio}: a plain Vert.x 5 server answering "Hello,
 * World!" with as many event loops as the service uses. Every Vitrina route is reported as a share
 * of this server's request rate on the same machine, so the numbers travel between machines.
 *
 * <p>Usage: {@code HelloWorld <port> <event loops>}.
 */
public final class HelloWorld extends VerticleBase {
  private final int port;

  private HelloWorld(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer()
        .requestHandler(
            request ->
                request.response().putHeader("Content-Type", "text/plain").end("Hello, World!"))
        .listen(port, "127.0.0.1");
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int instances = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
    vertx
        .deployVerticle(() -> new HelloWorld(port), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("hello-world listening on " + port))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }
}
