package io.filepipe.api;

import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.ConfigException;
import io.filepipe.core.config.Env;
import io.filepipe.core.logging.LogLine;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Starts the upload API from environment variables (see {@link ApiConfig}) and stops it gracefully
 * on SIGTERM, which is how Lambda Web Adapter and container runtimes end it.
 */
public final class Main {

    private Main() {
    }

    /** The log configuration in this jar; DynamoDB Local's jar carries a root log4j2.xml of its own. */
    static final String LOG_CONFIG = "classpath:filepipe-log4j2.xml";

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        Logger log = LogManager.getLogger(Main.class);
        ApiConfig config;
        try {
            config = Env.parse(System.getenv(), ApiConfig::from);
        } catch (ConfigException e) {
            log.error(new LogLine("config_invalid").with("problems", String.join("; ", e.problems())));
            System.exit(2);
            return;
        }
        UploadApi api = UploadApi.start(config, AwsClients.withDefaultCredentials(config.aws()));
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "graceful-shutdown"));
        log.info(new LogLine("started").with("port", api.port()));
    }
}
